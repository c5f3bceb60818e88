import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '../access/context.js';
import { readableTemplates } from '../access/templates.js';
import { visibleWhere } from '../access/visibility.js';
import { likePattern } from '../contacts/repo.js';
import type { Executor } from '../db/client.js';
import { deals, stages, templates, users } from '../db/schema.js';
import type { ListTemplatesQuery, TemplateCursor } from './schema.js';

export type TemplateRow = typeof templates.$inferSelect;
export type NewTemplate = typeof templates.$inferInsert;
/** A template with its owner's name and partner (org staff have none: see access/owners). */
export type TemplateWithOwner = {
  template: TemplateRow;
  ownerName: string | null;
  ownerPartnerId: string | null;
};

const withOwner = { template: templates, ownerName: users.name, ownerPartnerId: users.partnerId };
const ownerJoin = and(eq(users.orgId, templates.orgId), eq(users.id, templates.ownerId));

/** A template the viewer can see; with `forUpdate`, its row is locked for the transaction. */
export async function findReadableTemplate(
  ex: Executor,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TemplateWithOwner | undefined> {
  const query = ex
    .select(withOwner)
    .from(templates)
    .innerJoin(users, ownerJoin)
    .where(and(readableTemplates(ctx), eq(templates.id, id)));
  const [row] = options.forUpdate ? await query.for('update', { of: templates }) : await query;
  return row;
}

export async function insertTemplate(ex: Executor, row: NewTemplate): Promise<TemplateRow> {
  const [created] = await ex.insert(templates).values(row).returning();
  return created!;
}

export async function updateTemplateRow(
  ex: Executor,
  orgId: string,
  id: string,
  patch: Partial<NewTemplate>,
): Promise<TemplateRow> {
  const [row] = await ex
    .update(templates)
    .set({ ...patch, version: sql`${templates.version} + 1`, updatedAt: new Date() })
    .where(and(eq(templates.orgId, orgId), eq(templates.id, id)))
    .returning();
  return row!;
}

/**
 * Counts one use in a single statement (`use_count + 1` in SQL), so parallel
 * uses never lose a count. Usage is not an edit: version and updatedAt stay.
 */
export async function countUse(
  ex: Executor,
  orgId: string,
  id: string,
): Promise<{ useCount: number; lastUsedAt: Date } | undefined> {
  const [row] = await ex
    .update(templates)
    .set({ useCount: sql`${templates.useCount} + 1`, lastUsedAt: sql`now()` })
    .where(and(eq(templates.orgId, orgId), eq(templates.id, id), isNull(templates.deletedAt)))
    .returning({ useCount: templates.useCount, lastUsedAt: templates.lastUsedAt });
  return row ? { useCount: row.useCount, lastUsedAt: row.lastUsedAt! } : undefined;
}

/** Sort values of a row for the list's keyset: most used first, then by name. */
export const sortValues = (t: TemplateRow): TemplateCursor => [t.useCount, t.name, t.id];

/** One page, most used first (use_count desc, name, id); `after` from sortValues. */
export async function listTemplatePage(
  ex: Executor,
  ctx: AccessContext,
  filters: Pick<ListTemplatesQuery, 'category' | 'visibility' | 'q'>,
  after: TemplateCursor | undefined,
  limit: number,
): Promise<TemplateWithOwner[]> {
  const where: SQL[] = [readableTemplates(ctx)];
  if (filters.category) where.push(eq(templates.category, filters.category));
  if (filters.visibility) where.push(eq(templates.visibility, filters.visibility));
  if (filters.q) {
    where.push(sql`lower(${templates.name}) like ${likePattern(filters.q)} escape '\\'`);
  }
  if (after) {
    const [count, name, id] = after;
    where.push(
      sql`(${templates.useCount} < ${count}::int or (${templates.useCount} = ${count}::int and (${templates.name}, ${templates.id}) > (${name}::text, ${id}::uuid)))`,
    );
  }
  return ex
    .select(withOwner)
    .from(templates)
    .innerJoin(users, ownerJoin)
    .where(and(...where))
    .orderBy(desc(templates.useCount), asc(templates.name), asc(templates.id))
    .limit(limit + 1);
}

export type DealForTemplate = {
  id: string;
  title: string;
  amount: string;
  currency: string;
  contactId: string;
  stageName: string | null;
};

/** A deal the viewer may read (the §3 rule via visibleWhere), with its stage's name. */
export async function findReadableDeal(
  ex: Executor,
  ctx: AccessContext,
  id: string,
): Promise<DealForTemplate | undefined> {
  const [row] = await ex
    .select({
      id: deals.id,
      title: deals.title,
      amount: deals.amount,
      currency: deals.currency,
      contactId: deals.contactId,
      stageName: stages.name,
    })
    .from(deals)
    .leftJoin(stages, and(eq(stages.orgId, deals.orgId), eq(stages.id, deals.stageId)))
    .where(
      and(
        eq(deals.orgId, ctx.actor.orgId),
        isNull(deals.deletedAt),
        visibleWhere(ctx, deals),
        eq(deals.id, id),
      ),
    );
  return row;
}
