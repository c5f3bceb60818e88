import { and, eq, isNull, or, sql, type Column, type SQL } from 'drizzle-orm';
import { contacts, deals, type Visibility } from '../db/schema.js';
import { isOrgAdmin, isPartnerSide, type AccessContext, type CrmSettings } from './context.js';
import { AppError } from '../shared/errors.js';
import { assertCan } from './permissions.js';

export const visibilityLevels = [
  'individual',
  'partner',
  'organization',
] as const satisfies readonly Visibility[];

export const visibilityRank: Record<Visibility, number> = {
  individual: 0,
  partner: 1,
  organization: 2,
};

/**
 * The read rule of DESIGN §3 as data: for each visibility, which relations
 * between viewer and record grant reading. `org_member` is any user of the
 * org, except that partner-side users need `partnersCanSeeOrgContacts`.
 */
export type ViewerRelation = 'owner' | 'org_admin' | 'same_partner' | 'org_member';

export const readersByVisibility = {
  individual: ['owner', 'org_admin'],
  partner: ['owner', 'org_admin', 'same_partner'],
  organization: ['owner', 'org_admin', 'same_partner', 'org_member'],
} as const satisfies Record<Visibility, readonly ViewerRelation[]>;

export type VisibleRecord = { ownerId: string; partnerId: string | null; visibility: Visibility };

type VisibilityColumns = { ownerId: Column; partnerId: Column; visibility: Column };
type ReadableColumns = VisibilityColumns & { orgId: Column; deletedAt: Column };

/**
 * The SQL predicate for "rows this viewer may read", built from the same
 * table. Every query over contacts and deals (lists, search, stats, export,
 * board, previews) goes through this one function.
 */
export function visibleWhere(ctx: AccessContext, t: VisibilityColumns): SQL {
  const { actor, settings } = ctx;
  if (isOrgAdmin(actor.role)) return sql`true`;
  const levelsFor = (relation: ViewerRelation): Visibility[] =>
    visibilityLevels.filter((v) =>
      (readersByVisibility[v] as readonly ViewerRelation[]).includes(relation),
    );
  const clauses: SQL[] = [];
  clauses.push(eq(t.ownerId, actor.userId));
  if (actor.partnerId !== null) {
    clauses.push(
      and(eq(t.partnerId, actor.partnerId), inLevels(t.visibility, levelsFor('same_partner')))!,
    );
  }
  if (!isPartnerSide(actor.role) || settings.partnersCanSeeOrgContacts) {
    clauses.push(inLevels(t.visibility, levelsFor('org_member')));
  }
  return or(...clauses)!;
}

type TimelineColumns = { orgId: Column; contactId: Column; dealId: Column };

/**
 * The activities a viewer may see on any timeline: none whose contact or
 * deal they cannot read (deleted ones included: their history stays), as
 * an activity's text can be rendered from either (template_used).
 */
export function timelineVisibleWhere(ctx: AccessContext, a: TimelineColumns): SQL {
  if (isOrgAdmin(ctx.actor.role)) return sql`true`;
  return sql`(${a.contactId} is null or exists (select 1 from ${contacts}
      where ${contacts.orgId} = ${a.orgId} and ${contacts.id} = ${a.contactId}
      and ${visibleWhere(ctx, contacts)}))
    and (${a.dealId} is null or exists (select 1 from ${deals}
      where ${deals.orgId} = ${a.orgId} and ${deals.id} = ${a.dealId}
      and ${visibleWhere(ctx, deals)}))`;
}

/** The org's rows, not deleted, that this viewer may read: the base of every read of the table. */
export function readableWhere(ctx: AccessContext, t: ReadableColumns): SQL {
  return and(eq(t.orgId, ctx.actor.orgId), isNull(t.deletedAt), visibleWhere(ctx, t))!;
}

function inLevels(column: Column, levels: Visibility[]): SQL {
  return sql`${column} in (${sql.join(
    levels.map((l) => sql`${l}`),
    sql`, `,
  )})`;
}

/** The levels a record can take: staff records (no partner) skip `partner`. */
export function levelsForRecord(partnerId: string | null): Visibility[] {
  return partnerId === null ? ['individual', 'organization'] : [...visibilityLevels];
}

/**
 * The lowest visibility a new record of this creator may start at, and the
 * setting that imposes it (DESIGN §5).
 */
export function minimumVisibility(
  settings: CrmSettings,
  partnerId: string | null,
): { level: Visibility; setting: keyof CrmSettings | null } {
  const staff = partnerId === null;
  if (settings.requireCommitToOrg) return { level: 'organization', setting: 'requireCommitToOrg' };
  if (settings.requireCommitToPartner) {
    return { level: staff ? 'organization' : 'partner', setting: 'requireCommitToPartner' };
  }
  if (!settings.allowPrivateContacts) {
    return { level: staff ? 'organization' : 'partner', setting: 'allowPrivateContacts' };
  }
  return { level: 'individual', setting: null };
}

/** Resolves the visibility of a new record: the asked level, or the lowest allowed. */
export function initialVisibility(
  settings: CrmSettings,
  partnerId: string | null,
  asked: Visibility | undefined,
): Visibility {
  const min = minimumVisibility(settings, partnerId);
  if (asked === undefined) return min.level;
  if (!levelsForRecord(partnerId).includes(asked)) {
    throw new AppError(
      'validation',
      `visibility "${asked}" needs a partner; this record has none`,
      {
        errors: [{ path: 'visibility', message: 'staff records are individual or organization' }],
      },
    );
  }
  if (visibilityRank[asked] < visibilityRank[min.level]) {
    throw new AppError(
      'validation',
      `visibility "${asked}" is below the minimum "${min.level}" set by the CRM setting ${min.setting}`,
      { errors: [{ path: 'visibility', message: `at least ${min.level} (${min.setting})` }] },
    );
  }
  return asked;
}

/** Checks a commit-up target: only upwards (409 otherwise), and a level the record can take. */
export function checkRaise(record: VisibleRecord, target: Visibility): void {
  if (!levelsForRecord(record.partnerId).includes(target)) {
    throw new AppError(
      'validation',
      `visibility "${target}" needs a partner; this record has none`,
      {
        errors: [{ path: 'visibility', message: 'staff records are individual or organization' }],
      },
    );
  }
  if (visibilityRank[target] <= visibilityRank[record.visibility]) {
    throw new AppError(
      'conflict',
      `visibility can only be raised: the record is already "${record.visibility}"`,
    );
  }
}

/**
 * A visibility change asked through PATCH: lowering is a 409 (checked first,
 * so the caller learns why), raising needs the commit permission (403), and
 * the target must be a level the record can take with its owner after the
 * change (`partnerIdAfter`, which follows a reassignment).
 */
export function checkVisibilityChange(
  ctx: AccessContext,
  action: 'contact.commit' | 'deal.commit',
  record: VisibleRecord,
  target: Visibility,
  partnerIdAfter: string | null,
): void {
  const noun = action === 'contact.commit' ? 'contact' : 'deal';
  if (visibilityRank[target] < visibilityRank[record.visibility]) {
    throw new AppError(
      'conflict',
      `Visibility can only be raised; this ${noun} is "${record.visibility}"`,
    );
  }
  assertCan(ctx, action, record, `You may not commit this ${noun} up`);
  checkRaise({ ...record, partnerId: partnerIdAfter }, target);
}
