import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { apiTokens, customers, customFieldDefs, partners, stages, users } from '../db/schema.js';
import { conflict } from '../shared/errors.js';

/**
 * How many of each an organization (or, for tokens, a user) may hold. These
 * collections are answered whole, not in pages, so each has a ceiling; the
 * OpenAPI document promises it as the list's maxItems.
 */
export const caps = {
  users: 1000,
  partners: 1000,
  customers: 10_000,
  customFields: 100,
  tokensPerUser: 50,
  /** Deleted (inactive) stages included: GET /stages?includeInactive=true lists them. */
  stages: 1000,
} as const;

const tables = {
  users,
  partners,
  customers,
  customFields: customFieldDefs,
  tokensPerUser: apiTokens,
  stages,
};

const what: Record<keyof typeof caps, string> = {
  users: 'users',
  partners: 'partners',
  customers: 'platform customers',
  customFields: 'custom fields',
  tokensPerUser: 'API tokens per user',
  stages: 'pipeline stages, deleted ones included',
};

/** Refuses (409) to add one more when the organization already holds its cap; call it in the adding transaction. */
export async function assertRoomFor(
  tx: Tx,
  kind: keyof typeof caps,
  orgId: string,
  userId?: string,
): Promise<void> {
  const table = tables[kind];
  const where: SQL | undefined =
    kind === 'tokensPerUser' && userId
      ? and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId))
      : eq(table.orgId, orgId);
  // Two concurrent adds must not both see room for one: they take turns until commit.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cap:${kind}:${orgId}`}))`);
  const held = await tx.$count(table, where);
  if (held >= caps[kind]) {
    throw conflict(`An organization keeps at most ${caps[kind]} ${what[kind]}`, {
      limit: caps[kind],
    });
  }
}
