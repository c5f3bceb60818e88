import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { activityRow } from '../activities/service.js';
import { insertActivities, type NewActivity } from '../activities/repo.js';
import type { DemoFiller } from './seed.js';
import { contacts, type Role } from '../db/schema.js';
import { listStages } from '../stages/repo.js';
import { insertDeal, positionStep } from '../deals/repo.js';
import { amountText, outcomeActivities } from '../deals/service.js';

type DemoDeal = {
  title: string;
  amount: number;
  /** The contact, by e-mail (see src/contacts/demo.ts); the deal takes its owner and visibility. */
  contact: string;
  stage: 'lead' | 'qualified' | 'proposal' | 'negotiation' | 'won' | 'lost';
  probability?: number;
  closesInDays?: number;
  description?: string;
  tags?: string[];
  source?: string;
  lostReason?: string;
};

/** The training manual's pipeline (lesson 6), plus one lost deal with its reason. */
export const demoDeals: DemoDeal[] = [
  {
    title: 'Website Redesign',
    amount: 12_000,
    contact: 'sarah@acmecorp.com',
    stage: 'lead',
    closesInDays: 60,
    description: 'Full redesign of the customer portal and marketing site.',
    tags: ['Enterprise'],
    source: 'Referral',
  },
  {
    title: 'Annual License',
    amount: 540,
    contact: 'james@startupxyz.io',
    stage: 'lead',
    probability: 20,
    closesInDays: 30,
    tags: ['SMB'],
    source: 'Cold Outreach',
  },
  {
    title: 'ERP Integration',
    amount: 45_000,
    contact: 'lisa.chen@dataflow.io',
    stage: 'qualified',
    closesInDays: 90,
    description: 'Connect DataFlow’s ERP to the platform billing API.',
    tags: ['Enterprise'],
    source: 'Trade Show',
  },
  {
    title: 'Consulting Package',
    amount: 8_500,
    contact: 'mark@mediapulse.com',
    stage: 'proposal',
    closesInDays: 21,
    tags: ['SMB'],
    source: 'Referral',
  },
  {
    title: 'Enterprise Platform',
    amount: 120_000,
    contact: 'rachel.kim@retailmax.com',
    stage: 'negotiation',
    closesInDays: 14,
    description: 'Platform license for all 40 RetailMax stores.',
    tags: ['Enterprise'],
    source: 'Website',
  },
  {
    title: 'Starter Plan',
    amount: 588,
    contact: 'tom@techstart.io',
    stage: 'won',
    tags: ['SMB'],
    source: 'Website',
  },
  {
    title: 'Support Renewal',
    amount: 2_400,
    contact: 'nina@oldvendor.com',
    stage: 'lost',
    lostReason: 'Went with a cheaper competitor',
  },
];

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const dealsDemo: DemoFiller = async (tx, demo) => {
  const stageBySlug = new Map((await listStages(tx, demo.orgId)).map((s) => [s.slug, s]));
  const people = await tx
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, demo.orgId),
        isNull(contacts.deletedAt),
        inArray(
          contacts.email,
          demoDeals.map((d) => d.contact),
        ),
      ),
    );
  const roleOf = new Map(Object.entries(demo.userIds).map(([role, id]) => [id, role as Role]));
  const nextPosition = new Map<string, number>();
  const activities: NewActivity[] = [];
  let created = 0;
  for (const d of demoDeals) {
    const contact = people.find((p) => p.email === d.contact);
    const stage = stageBySlug.get(d.stage);
    if (!contact || !stage) continue;
    const position = (nextPosition.get(stage.id) ?? 0) + positionStep;
    nextPosition.set(stage.id, position);
    const now = new Date();
    const row = await insertDeal(tx, {
      orgId: demo.orgId,
      id: uuidv7(),
      title: d.title,
      amount: amountText(d.amount),
      currency: 'USD',
      probability: d.probability ?? stage.probability,
      expectedCloseDate: d.closesInDays === undefined ? null : inDays(d.closesInDays),
      contactId: contact.id,
      stageId: stage.id,
      position,
      description: d.description ?? null,
      tags: d.tags ?? [],
      source: d.source ?? null,
      lostReason: stage.isLost ? (d.lostReason ?? null) : null,
      wonAt: stage.isWon ? now : null,
      lostAt: stage.isLost ? now : null,
      // Same owner and visibility as the contact: whoever reads the contact reads its deal.
      ownerId: contact.ownerId,
      partnerId: contact.partnerId,
      visibility: contact.visibility,
      createdBy: contact.ownerId,
      createdAt: now,
      updatedAt: now,
    });
    created++;
    const ctx = {
      actor: {
        userId: row.ownerId,
        orgId: demo.orgId,
        role: roleOf.get(row.ownerId),
        partnerId: row.partnerId,
        name: '',
        email: '',
      },
    } as AccessContext;
    activities.push(
      activityRow(ctx, { dealId: row.id, contactId: row.contactId }, 'created', {
        subject: row.title,
      }),
      ...outcomeActivities(ctx, row, stage, null),
    );
  }
  await insertActivities(tx, activities);
  await tx.execute(
    sql`update org_usage set deals = deals + ${created} where org_id = ${demo.orgId}`,
  );
};
