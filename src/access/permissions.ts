import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '../db/schema.js';
import { isOrgAdmin, type AccessContext, type SettingSwitch } from './context.js';
import { AppError } from '../shared/errors.js';

/** What a role may do with records it can read (DESIGN §4), as data. */
export type Action =
  | 'contact.create'
  | 'contact.update'
  | 'contact.delete'
  | 'contact.commit'
  | 'contact.bulk'
  | 'contact.import'
  | 'contact.export'
  | 'deal.create'
  | 'deal.update'
  | 'deal.delete'
  | 'deal.commit'
  | 'activity.log'
  | 'template.create'
  | 'template.edit'
  | 'org.manage'
  | 'org.plan'
  | 'customers.manage';

/** `all`: any record the user can read; `own`: records they own; `none`: never. */
export type Scope = 'all' | 'own' | 'none';
/** A scope that a CRM setting lifts from `none` to `own`. */
export type Grant = Scope | { ownIf: SettingSwitch };

const admin: Record<Action, Grant> = {
  'contact.create': 'all',
  'contact.update': 'all',
  'contact.delete': 'all',
  'contact.commit': 'all',
  'contact.bulk': 'all',
  'contact.import': 'all',
  'contact.export': 'all',
  'deal.create': 'all',
  'deal.update': 'all',
  'deal.delete': 'all',
  'deal.commit': 'all',
  'activity.log': 'all',
  'template.create': 'all',
  'template.edit': 'all',
  'org.manage': 'all',
  'org.plan': 'none',
  'customers.manage': 'all',
};

export const grants = {
  owner: { ...admin, 'org.plan': 'all' },
  admin,
  employee: {
    ...admin,
    'contact.update': 'own',
    'contact.delete': 'none',
    'contact.commit': 'own',
    'contact.bulk': 'none',
    'contact.import': 'none',
    'contact.export': 'none',
    'deal.update': 'own',
    'deal.delete': 'none',
    'deal.commit': 'own',
    'template.edit': 'own',
    'org.manage': 'none',
    'org.plan': 'none',
  },
  partner: {
    ...admin,
    'contact.update': 'own',
    'contact.delete': { ownIf: 'partnersCanDeleteOwnContacts' },
    'contact.commit': 'own',
    // Bulk applies to the records the partner may update, i.e. its own.
    'contact.bulk': 'own',
    'deal.update': 'own',
    'deal.delete': 'none',
    'deal.commit': 'own',
    'template.edit': 'own',
    'org.manage': 'none',
    'org.plan': 'none',
    'customers.manage': 'none',
  },
  sales_rep: {
    ...admin,
    'contact.update': { ownIf: 'repsCanEditOwnContacts' },
    'contact.delete': 'none',
    'contact.commit': { ownIf: 'repsCanCommitUpward' },
    'contact.bulk': 'none',
    'contact.import': 'none',
    'contact.export': 'none',
    'deal.update': 'own',
    'deal.delete': 'none',
    'deal.commit': { ownIf: 'repsCanCommitUpward' },
    'template.edit': 'own',
    'org.manage': 'none',
    'org.plan': 'none',
    'customers.manage': 'none',
  },
} satisfies Record<Role, Record<Action, Grant>>;

export const actions = Object.keys(admin) as Action[];

/** The scope a role has for an action once the org's settings are applied. */
export function scopeOf(ctx: AccessContext, action: Action): Scope {
  const grant: Grant = grants[ctx.actor.role][action];
  if (typeof grant === 'string') return grant;
  return ctx.settings[grant.ownIf] ? 'own' : 'none';
}

/** The effective permissions, as `GET /me` reports them. */
export function effectivePermissions(ctx: AccessContext): Record<Action, Scope> {
  return Object.fromEntries(actions.map((a) => [a, scopeOf(ctx, a)])) as Record<Action, Scope>;
}

/** The settings a role's grant depends on, by action (what `/me` reports as `conditions`). */
export function conditionsOf(ctx: AccessContext): Partial<Record<Action, SettingSwitch>> {
  const grant: Record<Action, Grant> = grants[ctx.actor.role];
  return Object.fromEntries(
    actions.flatMap((a) => {
      const g = grant[a];
      return typeof g === 'string' ? [] : [[a, g.ownIf]];
    }),
  );
}

/**
 * What a record's DTO says its reader may do with it (`can`), by the
 * actions that guard those writes: moving a deal on the board is an update.
 */
export const recordActions = {
  contact: { edit: 'contact.update', delete: 'contact.delete', commit: 'contact.commit' },
  deal: { edit: 'deal.update', delete: 'deal.delete', commit: 'deal.commit', move: 'deal.update' },
} as const satisfies Record<'contact' | 'deal', Record<string, Action>>;

export type RecordKind = keyof typeof recordActions;
export type RecordCan<K extends RecordKind> = Record<keyof (typeof recordActions)[K], boolean>;

/** `can` of one record, as its DTO carries it. */
export function recordCan<K extends RecordKind>(
  ctx: AccessContext,
  kind: K,
  record: { ownerId: string },
): RecordCan<K> {
  return Object.fromEntries(
    Object.entries(recordActions[kind]).map(([key, action]) => [key, can(ctx, action, record)]),
  ) as RecordCan<K>;
}

/** `can` as SQL over the owner column, for answers PostgreSQL writes as JSON (the contact list). */
export function recordCanSql(ctx: AccessContext, kind: RecordKind, ownerId: SQL): SQL {
  const pairs = Object.entries(recordActions[kind]).map(
    ([key, action]) => sql`${key}::text, ${canWhere(ctx, action, ownerId)}`,
  );
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

/** Whether the caller may do `action` on a record it can already read. */
export function can(ctx: AccessContext, action: Action, record?: { ownerId: string }): boolean {
  const scope = scopeOf(ctx, action);
  if (scope === 'all') return true;
  if (scope === 'none') return false;
  return record !== undefined && record.ownerId === ctx.actor.userId;
}

/** `can` as a SQL condition over a readable record's owner column, for set-based writes. */
export function canWhere(ctx: AccessContext, action: Action, ownerId: SQL): SQL {
  const scope = scopeOf(ctx, action);
  if (scope === 'all') return sql`true`;
  if (scope === 'none') return sql`false`;
  return sql`${ownerId} = ${ctx.actor.userId}::uuid`;
}

/** Throws 403 unless the caller may do `action` (on `record`, when given). */
export function assertCan(
  ctx: AccessContext,
  action: Action,
  record?: { ownerId: string },
  detail?: string,
): void {
  if (!can(ctx, action, record)) {
    throw new AppError(
      'forbidden',
      detail ?? `Your role (${ctx.actor.role}) may not ${action.replace('.', ' ')}`,
    );
  }
}

export function assertOrgAdmin(ctx: AccessContext): void {
  if (!isOrgAdmin(ctx.actor.role)) {
    throw new AppError('forbidden', 'Only organization owners and admins may do this');
  }
}
