import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { findOwnerName } from '../access/owners.js';
import { assertCan, recordCan } from '../access/permissions.js';
import { checkRaise, checkVisibilityChange, initialVisibility } from '../access/visibility.js';
import { activityRow, record } from '../activities/service.js';
import { insertActivities } from '../activities/repo.js';
import { findCustomer } from '../customers/repo.js';
import { validateCustomFields } from '../custom-fields/service.js';
import type { Tx } from '../db/client.js';
import type { FieldChange, Visibility } from '../db/schema.js';
import { invalid, notFound } from '../shared/errors.js';
import { encodeCursor, assertVersion } from '../shared/schemas.js';
import { release, reserve } from '../orgs/plans.js';
import { resolveRecordOwner } from '../users/owner.js';
import * as repo from './repo.js';
import { contactFieldNames, type ContactFieldName } from './fields.js';
import { contactPhoneKeys, normalizeEmail } from './normalize.js';
import type {
  ContactDto,
  CreateContactInput,
  ListContactsQuery,
  UpdateContactInput,
} from './schema.js';

/** A contact's answer for this caller: its columns, its owner's name as the caller may see it, and `can`. */
export function toContactDto(
  ctx: AccessContext,
  row: repo.ContactRow,
  ownerName: string | null,
): ContactDto {
  const fields = Object.fromEntries(contactFieldNames.map((name) => [name, row[name]])) as Pick<
    repo.ContactRow,
    ContactFieldName
  >;
  return {
    id: row.id,
    ...fields,
    customFields: row.customFields,
    customerId: row.customerId,
    ownerId: row.ownerId,
    partnerId: row.partnerId,
    visibility: row.visibility,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ownerName,
    can: recordCan(ctx, 'contact', row),
  };
}

async function contactDto(tx: Tx, ctx: AccessContext, row: repo.ContactRow): Promise<ContactDto> {
  return toContactDto(ctx, row, await findOwnerName(tx, ctx, row.ownerId));
}

/** A readable contact or 404: the caller must not learn that an invisible one exists. */
export async function getReadableContact(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<repo.ContactRow> {
  const row = await repo.findReadableContact(tx, ctx, id, options);
  if (!row) throw notFound('Contact');
  return row;
}

export async function createContact(
  tx: Tx,
  ctx: AccessContext,
  input: CreateContactInput,
): Promise<ContactDto> {
  assertCan(ctx, 'contact.create');
  const owner = input.ownerId
    ? await resolveRecordOwner(tx, ctx, input.ownerId)
    : { ownerId: ctx.actor.userId, partnerId: ctx.actor.partnerId };
  const visibility = initialVisibility(ctx.settings, owner.partnerId, input.visibility);
  const customFields = await validateCustomFields(tx, ctx, input.customFields ?? {});
  await reserve(tx, ctx, 'contacts', 1);
  const { ownerId: _o, visibility: _v, customFields: _c, ...fields } = input;
  const [row] = await repo.insertContacts(
    tx,
    [
      {
        ...fields,
        email: normalizeEmail(fields.email),
        orgId: ctx.actor.orgId,
        id: uuidv7(),
        ...owner,
        visibility,
        customFields,
        createdBy: ctx.actor.userId,
      },
    ],
    ctx.settings.defaultPhoneCountry,
  );
  await record(tx, ctx, { contactId: row!.id }, 'created');
  return contactDto(tx, ctx, row!);
}

export async function getContact(tx: Tx, ctx: AccessContext, id: string): Promise<ContactDto> {
  return contactDto(tx, ctx, await getReadableContact(tx, ctx, id));
}

/** The fields a contact's phone keys are made from. */
const phoneInputs = new Set(['phone', 'mobile', 'country']);

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Applies a PATCH: one `field_update` with every changed field, plus
 * `status_change` and `visibility_change` when those move. Visibility only goes up.
 */
export async function updateContact(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: UpdateContactInput,
  expectedVersion: number | undefined,
): Promise<ContactDto> {
  const current = await getReadableContact(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'contact.update', current, 'You may not edit this contact');
  assertVersion(current, expectedVersion, 'This contact');

  const { visibility, ownerId, customFields, ...fields } = input;
  const patch: Partial<repo.NewContact> = { ...fields };
  if (fields.email !== undefined) patch.email = normalizeEmail(fields.email);
  if (customFields !== undefined) {
    const checked = await validateCustomFields(tx, ctx, customFields);
    // Keys not sent keep their values; null removes a key.
    const merged = { ...current.customFields, ...checked };
    for (const [k, v] of Object.entries(customFields)) if (v === null) delete merged[k];
    patch.customFields = merged;
  }
  if (ownerId !== undefined && ownerId !== current.ownerId) {
    Object.assign(patch, await resolveRecordOwner(tx, ctx, ownerId, current));
  }
  if (visibility !== undefined && visibility !== current.visibility) {
    const partnerIdAfter = patch.partnerId === undefined ? current.partnerId : patch.partnerId;
    checkVisibilityChange(ctx, 'contact.commit', current, visibility, partnerIdAfter);
    patch.visibility = visibility;
  }

  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(patch)) {
    const from = current[field as keyof repo.ContactRow];
    if (!sameValue(from, to)) changes.push({ field, from: from ?? null, to: to ?? null });
  }
  if (changes.length === 0) return contactDto(tx, ctx, current);
  if (changes.some((c) => phoneInputs.has(c.field))) {
    // After the changes are listed: the keys follow the fields and are no change of their own.
    const after = { ...current, ...patch };
    Object.assign(patch, contactPhoneKeys(after, ctx.settings.defaultPhoneCountry));
  }

  const row = await repo.updateContactRow(tx, ctx.actor.orgId, id, patch);
  const target = { contactId: id };
  const activities = [activityRow(ctx, target, 'field_update', { changes })];
  const status = changes.find((c) => c.field === 'status');
  if (status) activities.push(activityRow(ctx, target, 'status_change', { changes: [status] }));
  const raised = changes.find((c) => c.field === 'visibility');
  if (raised) activities.push(activityRow(ctx, target, 'visibility_change', { changes: [raised] }));
  await insertActivities(tx, activities);
  return contactDto(tx, ctx, row);
}

/** Commit-up: raises visibility one way, with the §3 rules on who may. */
export async function commitContact(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  visibility: Visibility,
  expectedVersion: number | undefined,
): Promise<ContactDto> {
  const current = await getReadableContact(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'contact.commit', current, 'You may not commit this contact up');
  assertVersion(current, expectedVersion, 'This contact');
  checkRaise(current, visibility);
  const row = await repo.updateContactRow(tx, ctx.actor.orgId, id, { visibility });
  await record(tx, ctx, { contactId: id }, 'visibility_change', {
    changes: [{ field: 'visibility', from: current.visibility, to: visibility }],
  });
  return contactDto(tx, ctx, row);
}

export async function deleteContact(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  const current = await getReadableContact(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'contact.delete', current, 'You may not delete this contact');
  assertVersion(current, expectedVersion, 'This contact');
  await repo.updateContactRow(tx, ctx.actor.orgId, id, { deletedAt: new Date() });
  await release(tx, ctx.actor.orgId, 'contacts', 1);
  await record(tx, ctx, { contactId: id }, 'deleted', {
    subject: `${current.firstName} ${current.lastName}`,
  });
}

export async function linkCustomer(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  customerId: string | null,
): Promise<ContactDto> {
  const current = await getReadableContact(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'contact.update', current, 'You may not edit this contact');
  if (customerId !== null && !(await findCustomer(tx, ctx.actor.orgId, customerId))) {
    throw invalid('customerId', 'customerId is not a customer of this organization');
  }
  if (current.customerId === customerId) return contactDto(tx, ctx, current);
  const row = await repo.updateContactRow(tx, ctx.actor.orgId, id, { customerId });
  await record(tx, ctx, { contactId: id }, 'customer_linked', {
    changes: [{ field: 'customerId', from: current.customerId, to: customerId }],
  });
  return contactDto(tx, ctx, row);
}

/**
 * One page of the contacts the caller can read, as the API's JSON text
 * (`{ data, nextCursor }`): PostgreSQL writes each contact (see rowJson),
 * so the rows are neither decoded nor serialized again here.
 */
export async function listContacts(
  tx: Tx,
  ctx: AccessContext,
  query: ListContactsQuery,
): Promise<string> {
  const sort = {
    key: query.sort.replace('-', '') as repo.SortKey,
    descending: query.sort.startsWith('-'),
  };
  const after = query.cursor?.slice(1);
  const rows = await repo.listContactPage(tx, ctx, query, sort, after, query.limit);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(repo.cursorOf(JSON.parse(last) as ContactDto, query.sort))
      : null;
  return `{"data":[${page.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}

export async function contactStats(tx: Tx, ctx: AccessContext) {
  const r = await repo.contactStats(tx, ctx);
  return {
    total: r.total!,
    byStatus: { active: r.active!, inactive: r.inactive!, do_not_contact: r.do_not_contact! },
    byType: {
      lead: r.lead!,
      prospect: r.prospect!,
      customer: r.customer!,
      vendor: r.vendor!,
      other: r.other!,
    },
  };
}
