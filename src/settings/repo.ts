import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { crmSettings } from '../db/schema.js';

export type SettingsRow = typeof crmSettings.$inferSelect;
export type SettingsChange = Partial<Omit<SettingsRow, 'orgId' | 'version' | 'updatedAt'>>;

export async function findSettings(ex: Executor, orgId: string): Promise<SettingsRow | undefined> {
  const [row] = await ex.select().from(crmSettings).where(eq(crmSettings.orgId, orgId));
  return row;
}

export async function updateSettingsRow(
  ex: Executor,
  orgId: string,
  change: SettingsChange,
  version: number,
): Promise<void> {
  await ex
    .update(crmSettings)
    .set({ ...change, version, updatedAt: new Date() })
    .where(eq(crmSettings.orgId, orgId));
}
