import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { seesStaffNames } from '../access/owners.js';
import { assertCan, can } from '../access/permissions.js';
import { activityRow } from '../activities/service.js';
import { insertActivities } from '../activities/repo.js';
import { findReadableContact, type ContactRow } from '../contacts/repo.js';
import type { Tx } from '../db/client.js';
import { AppError, invalid, notFound, type FieldError } from '../shared/errors.js';
import { encodeCursor, assertVersion } from '../shared/schemas.js';
import { parseTemplate, renderTemplate, valuesFor, variablesOf } from './render.js';
import * as repo from './repo.js';
import {
  maxRenderedBody,
  maxRenderedSubject,
  type CreateTemplateInput,
  type ListTemplatesQuery,
  type PreviewInput,
  type RenderedDto,
  type TemplateCategory,
  type TemplateDto,
  type UpdateTemplateInput,
  type UsedDto,
  type UseInput,
} from './schema.js';

export function toTemplateDto(ctx: AccessContext, t: repo.TemplateWithOwner): TemplateDto {
  const row = t.template;
  return {
    id: row.id,
    category: row.category,
    name: row.name,
    subject: row.subject,
    body: row.body,
    visibility: row.visibility,
    ownerId: row.ownerId,
    // A staff owner's name stays hidden from partners when the organization wants that.
    ownerName: t.ownerPartnerId !== null || seesStaffNames(ctx) ? t.ownerName : null,
    variables: [...new Set([...variablesOf(row.subject ?? ''), ...variablesOf(row.body)])],
    useCount: row.useCount,
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    canEdit: can(ctx, 'template.edit', row),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Checks a template as it would be saved: email needs a subject, SMS and notes
 * have none, and every `{{variable}}` must be known and well-formed. All
 * problems are reported at once (422), each naming its field.
 */
function lint(content: { category: TemplateCategory; subject: string | null; body: string }) {
  const errors: FieldError[] = [];
  if (content.category === 'email' && content.subject === null) {
    errors.push({ path: 'subject', message: 'an email template needs a subject' });
  }
  if (content.category !== 'email' && content.subject !== null) {
    errors.push({
      path: 'subject',
      message: `only email templates have a subject; send subject: null for a ${content.category} template`,
    });
  }
  for (const [path, text] of [
    ['subject', content.subject],
    ['body', content.body],
  ] as const) {
    if (text === null) continue;
    for (const issue of parseTemplate(text).issues) errors.push({ path, message: issue.message });
  }
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new AppError('validation', `${first.path}: ${first.message}`, { errors });
  }
}

/** A template the caller can see, or 404 (someone else's private template is not revealed). */
async function getReadableTemplate(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<repo.TemplateWithOwner> {
  const row = await repo.findReadableTemplate(tx, ctx, id, options);
  if (!row) throw notFound('Template');
  return row;
}

export async function createTemplate(
  tx: Tx,
  ctx: AccessContext,
  input: CreateTemplateInput,
): Promise<TemplateDto> {
  assertCan(ctx, 'template.create');
  const content = { category: input.category, subject: input.subject ?? null, body: input.body };
  lint(content);
  const row = await repo.insertTemplate(tx, {
    orgId: ctx.actor.orgId,
    id: uuidv7(),
    ...content,
    name: input.name,
    visibility: input.visibility ?? 'individual',
    ownerId: ctx.actor.userId,
  });
  return toTemplateDto(ctx, {
    template: row,
    ownerName: ctx.actor.name,
    ownerPartnerId: ctx.actor.partnerId,
  });
}

export async function getTemplate(tx: Tx, ctx: AccessContext, id: string): Promise<TemplateDto> {
  return toTemplateDto(ctx, await getReadableTemplate(tx, ctx, id));
}

export async function updateTemplate(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: UpdateTemplateInput,
  expectedVersion: number | undefined,
): Promise<TemplateDto> {
  const current = await getReadableTemplate(tx, ctx, id, { forUpdate: true });
  const row = current.template;
  assertCan(ctx, 'template.edit', row, 'You may only edit your own templates');
  assertVersion(row, expectedVersion, 'This template');
  const next = {
    category: input.category ?? row.category,
    subject: input.subject === undefined ? row.subject : input.subject,
    body: input.body ?? row.body,
  };
  lint(next);
  const patch: Partial<repo.NewTemplate> = {};
  if (next.category !== row.category) patch.category = next.category;
  if (next.subject !== row.subject) patch.subject = next.subject;
  if (next.body !== row.body) patch.body = next.body;
  if (input.name !== undefined && input.name !== row.name) patch.name = input.name;
  if (input.visibility !== undefined && input.visibility !== row.visibility) {
    patch.visibility = input.visibility;
  }
  if (Object.keys(patch).length === 0) return toTemplateDto(ctx, current);
  const updated = await repo.updateTemplateRow(tx, ctx.actor.orgId, id, patch);
  return toTemplateDto(ctx, { ...current, template: updated });
}

export async function deleteTemplate(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  const current = await getReadableTemplate(tx, ctx, id, { forUpdate: true });
  assertCan(ctx, 'template.edit', current.template, 'You may only delete your own templates');
  assertVersion(current.template, expectedVersion, 'This template');
  await repo.updateTemplateRow(tx, ctx.actor.orgId, id, { deletedAt: new Date() });
}

export async function listTemplates(
  tx: Tx,
  ctx: AccessContext,
  query: ListTemplatesQuery,
): Promise<{ data: TemplateDto[]; nextCursor: string | null }> {
  const rows = await repo.listTemplatePage(tx, ctx, query, query.cursor, query.limit);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => toTemplateDto(ctx, r)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(repo.sortValues(last.template)) : null,
  };
}

type Sources = { contact: ContactRow | null; deal: repo.DealForTemplate | null };

/**
 * Loads what a render draws on, each by the caller's read rule (404 otherwise).
 * With only a deal, its contact is used when the caller can read it.
 */
async function loadSources(
  tx: Tx,
  ctx: AccessContext,
  input: { contactId?: string | undefined; dealId?: string | undefined },
): Promise<Sources> {
  const deal = input.dealId ? await repo.findReadableDeal(tx, ctx, input.dealId) : null;
  if (deal === undefined) throw notFound('Deal');
  let contact: ContactRow | null = null;
  if (input.contactId) {
    contact = (await findReadableContact(tx, ctx, input.contactId)) ?? null;
    if (!contact) throw notFound('Contact');
    if (deal && deal.contactId !== contact.id) {
      throw invalid('dealId', 'This deal belongs to another contact');
    }
  } else if (deal) {
    contact = (await findReadableContact(tx, ctx, deal.contactId)) ?? null;
  }
  return { contact, deal };
}

function renderWith(template: repo.TemplateRow, sources: Sources): RenderedDto {
  const values = valuesFor(sources);
  const subject = template.subject === null ? null : renderTemplate(template.subject, values);
  const body = renderTemplate(template.body, values);
  // Each variable may stand for 20,000 characters of notes; the message stays readable and bounded.
  if (subject && subject.text.length > maxRenderedSubject) {
    throw invalid(
      'subject',
      `The rendered subject is longer than ${maxRenderedSubject} characters`,
    );
  }
  if (body.text.length > maxRenderedBody) {
    throw invalid('body', `The rendered message is longer than ${maxRenderedBody} characters`);
  }
  return {
    subject: subject?.text ?? null,
    body: body.text,
    missing: [...new Set([...(subject?.missing ?? []), ...body.missing])],
  };
}

export async function previewTemplate(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: PreviewInput,
): Promise<RenderedDto> {
  const { template } = await getReadableTemplate(tx, ctx, id);
  return renderWith(template, await loadSources(tx, ctx, input));
}

/**
 * Renders for a contact (and deal), counts the use and logs `template_used`
 * on the contact and the deal with the rendered text.
 */
export async function useTemplate(
  tx: Tx,
  ctx: AccessContext,
  id: string,
  input: UseInput,
): Promise<UsedDto> {
  const { template } = await getReadableTemplate(tx, ctx, id);
  assertCan(ctx, 'activity.log');
  const sources = await loadSources(tx, ctx, input);
  const rendered = renderWith(template, sources);
  const counted = await repo.countUse(tx, ctx.actor.orgId, id);
  if (!counted) throw notFound('Template');
  const activity = activityRow(
    ctx,
    { contactId: input.contactId, dealId: input.dealId ?? null },
    'template_used',
    { subject: rendered.subject?.trim() ? rendered.subject : template.name, body: rendered.body },
  );
  await insertActivities(tx, [activity]);
  return {
    ...rendered,
    templateId: id,
    useCount: counted.useCount,
    lastUsedAt: counted.lastUsedAt.toISOString(),
    activityId: activity.id!,
  };
}
