import { z } from 'zod';
import { cursorParam, isoTime, limitParam, storableString } from '../http/schemas.js';

export const templateCategories = ['email', 'sms', 'note'] as const;
export const templateVisibilities = ['individual', 'organization'] as const;
export type TemplateCategory = (typeof templateCategories)[number];
export type TemplateVisibility = (typeof templateVisibilities)[number];

export const templateCategorySchema = z.enum(templateCategories);
export const templateVisibilitySchema = z.enum(templateVisibilities);

const name = storableString(200, { trim: true }).min(1, 'required');
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
    name: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    visibility: templateVisibilitySchema,
    ownerId: z.uuid(),
    ownerName: z.string().nullable(),
    /** The variables the template uses, as written, in order of first use. */
    variables: z.array(z.string()),
    useCount: z.number().int(),
    lastUsedAt: isoTime.nullable(),
    /** Whether the caller may edit or delete it. */
    canEdit: z.boolean(),
    version: z.number().int(),
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
    name: z.string(),
    source: z.enum(['contact', 'deal']),
    example: z.string(),
    aliasOf: z.string().optional(),
  })
  .meta({ id: 'TemplateVariable' });
export const variableCatalogSchema = z.object({ data: z.array(variableSchema) });

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
    subject: z.string().nullable(),
    body: z.string(),
    /** Variables with no value and no fallback; they rendered empty. */
    missing: z.array(z.string()),
  })
  .meta({ id: 'TemplatePreview' });
export type RenderedDto = z.infer<typeof renderedSchema>;

export const usedSchema = renderedSchema
  .extend({
    templateId: z.uuid(),
    useCount: z.number().int(),
    lastUsedAt: isoTime,
    activityId: z.uuid(),
  })
  .meta({ id: 'TemplateUse' });
export type UsedDto = z.infer<typeof usedSchema>;
