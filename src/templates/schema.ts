import { z } from 'zod';
import { cursorParam, isoTime, limitParam, storedText, storableString } from '../shared/schemas.js';

export const templateCategories = ['email', 'sms', 'note'] as const;
export const templateVisibilities = ['individual', 'organization'] as const;
export type TemplateCategory = (typeof templateCategories)[number];
export type TemplateVisibility = (typeof templateVisibilities)[number];

export const templateCategorySchema = z.enum(templateCategories);
export const templateVisibilitySchema = z.enum(templateVisibilities);

const name = storableString(200, { trim: true }).min(1, 'required');

/** A rendered message: longer ones are refused (422), as substitution can multiply the text. */
export const maxRenderedSubject = 1000;
export const maxRenderedBody = 100_000;
/**
 * A variable as written in a template (`{{contact.first_name}}`'s name): a
 * template of 20,000 characters holds fewer than 4,000 of them.
 */
const variableText = storedText(20_000);
const maxVariables = 4000;
/** Email only; null or "" means none (forms send ""). */
const subject = storableString(300, { trim: true })
  .refine((v) => !/[\r\n]/.test(v), 'a subject is one line')
  .transform((v) => (v === '' ? null : v))
  .nullable();
const body = storableString(20_000)
  .min(1, 'required')
  .refine((v) => v.trim() !== '', 'required');

export const createTemplateBody = z
  .strictObject({
    category: templateCategorySchema,
    name,
    subject: subject.optional(),
    body,
    visibility: templateVisibilitySchema.optional(),
  })
  .meta({ id: 'TemplateCreate' });
export type CreateTemplateInput = z.infer<typeof createTemplateBody>;

export const updateTemplateBody = z
  .strictObject({
    category: templateCategorySchema.optional(),
    name: name.optional(),
    subject: subject.optional(),
    body: body.optional(),
    visibility: templateVisibilitySchema.optional(),
  })
  .meta({ id: 'TemplateUpdate' });
export type UpdateTemplateInput = z.infer<typeof updateTemplateBody>;

export const templateSchema = z
  .object({
    id: z.uuid(),
    category: templateCategorySchema,
    name: storedText(200),
    subject: storedText(300).nullable(),
    body: storedText(20_000),
    visibility: templateVisibilitySchema,
    ownerId: z.uuid(),
    ownerName: storedText(200).nullable(),
    /** The variables the template uses, as written, in order of first use. */
    variables: z.array(variableText).max(maxVariables),
    useCount: z.number().int().min(0),
    lastUsedAt: isoTime.nullable(),
    /** Whether the caller may edit or delete it. */
    canEdit: z.boolean(),
    version: z.number().int().min(1).max(2_147_483_647),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Template' });
export type TemplateDto = z.infer<typeof templateSchema>;

/** A templates cursor: the last row's use count, name and id (see repo.sortValues). */
export const templateCursor = z.tuple([
  z.number().int().min(0).max(2_147_483_647),
  storableString(1000),
  z.uuid(),
]);
export type TemplateCursor = z.infer<typeof templateCursor>;

export const listTemplatesQuery = z.strictObject({
  category: templateCategorySchema.optional(),
  visibility: templateVisibilitySchema.optional(),
  q: storableString(200, { trim: true }).min(2, 'search needs at least 2 characters').optional(),
  limit: limitParam,
  cursor: cursorParam(templateCursor),
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuery>;

export const variableSchema = z
  .object({
    name: storedText(100),
    source: z.enum(['contact', 'deal']),
    example: storedText(200),
    aliasOf: storedText(100).optional(),
  })
  .meta({ id: 'TemplateVariable' });
export const variableCatalogSchema = z.object({ data: z.array(variableSchema).max(200) });

export const previewBody = z
  .strictObject({ contactId: z.uuid().optional(), dealId: z.uuid().optional() })
  .meta({ id: 'TemplatePreviewRequest' });
export type PreviewInput = z.infer<typeof previewBody>;

export const useBody = z
  .strictObject({ contactId: z.uuid(), dealId: z.uuid().optional() })
  .meta({ id: 'TemplateUseRequest' });
export type UseInput = z.infer<typeof useBody>;

export const renderedSchema = z
  .object({
    subject: storedText(maxRenderedSubject).nullable(),
    body: storedText(maxRenderedBody),
    /** Variables with no value and no fallback; they rendered empty. */
    missing: z.array(variableText).max(maxVariables),
  })
  .meta({ id: 'TemplatePreview' });
export type RenderedDto = z.infer<typeof renderedSchema>;

export const usedSchema = renderedSchema
  .extend({
    templateId: z.uuid(),
    useCount: z.number().int().min(0),
    lastUsedAt: isoTime,
    activityId: z.uuid(),
  })
  .meta({ id: 'TemplateUse' });
export type UsedDto = z.infer<typeof usedSchema>;
