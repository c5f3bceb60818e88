import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/client.js';
import { stages } from '../db/schema.js';

/** The pipeline every new organization starts with (training manual, lesson 7). */
export const defaultStages = [
  { name: 'Lead', slug: 'lead', color: '#64748b', probability: 10, isWon: false, isLost: false },
  {
    name: 'Qualified',
    slug: 'qualified',
    color: '#0ea5e9',
    probability: 40,
    isWon: false,
    isLost: false,
  },
  {
    name: 'Proposal',
    slug: 'proposal',
    color: '#8b5cf6',
    probability: 60,
    isWon: false,
    isLost: false,
  },
  {
    name: 'Negotiation',
    slug: 'negotiation',
    color: '#f59e0b',
    probability: 80,
    isWon: false,
    isLost: false,
  },
  { name: 'Won', slug: 'won', color: '#22c55e', probability: 100, isWon: true, isLost: false },
  { name: 'Lost', slug: 'lost', color: '#ef4444', probability: 0, isWon: false, isLost: true },
] as const;

export async function insertDefaultStages(ex: Executor, orgId: string): Promise<void> {
  await ex
    .insert(stages)
    .values(defaultStages.map((s, position) => ({ ...s, orgId, id: uuidv7(), position })));
}
