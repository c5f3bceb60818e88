import { z } from 'zod';
import { maxTagLength, maxTags, tagsSchema, visibilitySchema } from '../contacts/schema.js';
import {
  cursorText,
  cursorParam,
  isoTime,
  limitParam,
  storedText,
  cursorTime,
  isoDate,
  storableString,
} from '../shared/schemas.js';
import { maxActiveStages, probabilitySchema, stageColor, stageSlug } from '../stages/schema.js';
import { caps } from '../orgs/caps.js';

export const dealStatuses = ['open', 'won', 'lost'] as const;
export const dealStatusSchema = z.enum(dealStatuses);
export type DealStatus = (typeof dealStatuses)[number];

const currencyCodes = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217, upper case ('usd' is read as 'USD'). */
export const currencySchema = z
  .string()
  .max(3, 'a three-letter ISO 4217 code')
  .regex(/^[A-Za-z]{3}$/, 'a three-letter ISO 4217 code')
  .transform((c) => c.toUpperCase())
  .refine((c) => currencyCodes.has(c), 'not an ISO 4217 currency code');

/**
 * Money as a JSON number with at most two decimals, stored as numeric(14,2):
 * a value that would need rounding is refused rather than silently changed.
 */
/** A currency code in an answer: three upper-case letters. */
const currencyCode = z
  .string()
  .length(3)
  .regex(/^[A-Z]{3}$/);

export const amountSchema = z
  .number()
  .min(0, 'cannot be negative')
  .max(999_999_999_999.99, 'at most 999,999,999,999.99')
  .refine((n) => Number(n.toFixed(2)) === n, 'at most two decimals');

const optionalText = (max: number) =>
  storableString(max, { trim: true })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const dateSchema = isoDate('a date as YYYY-MM-DD');

const editable = {
  title: storableString(300, { trim: true }).min(1, 'required'),
  amount: amountSchema,
  currency: currencySchema,
  probability: probabilitySchema,
  expectedCloseDate: dateSchema.nullable(),
  contactId: z.uuid(),
  description: optionalText(20_000),
  tags: tagsSchema,
  source: optionalText(100),
};

export const createDealBody = z
  .strictObject({
    ...editable,
    amount: editable.amount.optional(),
    currency: editable.currency.optional(),
    probability: editable.probability.optional(),
    expectedCloseDate: editable.expectedCloseDate.optional(),
    tags: editable.tags.optional(),
    stageId: z.uuid().optional(),
    lostReason: optionalText(500),
    visibility: visibilitySchema.optional(),
    ownerId: z.uuid().optional(),
  })
  .meta({ id: 'DealCreate' });
export type CreateDealInput = z.infer<typeof createDealBody>;

export const updateDealBody = z
  .strictObject({
    title: editable.title.optional(),
    amount: editable.amount.optional(),
    currency: editable.currency.optional(),
    probability: editable.probability.optional(),
    expectedCloseDate: editable.expectedCloseDate.optional(),
    contactId: editable.contactId.optional(),
    description: editable.description,
    tags: editable.tags.optional(),
    source: editable.source,
    lostReason: optionalText(500),
    visibility: visibilitySchema.optional(),
    ownerId: z.uuid().optional(),
  })
  .meta({ id: 'DealUpdate' });
export type UpdateDealInput = z.infer<typeof updateDealBody>;

export const moveDealBody = z
  .strictObject({
    stageId: z.uuid(),
    beforeId: z.uuid().optional(),
    afterId: z.uuid().optional(),
    lostReason: optionalText(500),
  })
  .meta({ id: 'DealMove' });
export type MoveDealInput = z.infer<typeof moveDealBody>;

export const dealSchema = z
  .object({
    id: z.uuid(),
    title: storedText(300),
    amount: z.number(),
    currency: currencyCode,
    probability: z.number().int().min(0).max(100),
    expectedCloseDate: z.iso.date().nullable(),
    contactId: z.uuid(),
    contactName: storedText(201).nullable().describe('null when you cannot read the contact'),
    stageId: z.uuid(),
    stageName: storedText(60),
    status: dealStatusSchema,
    description: storedText(20_000).nullable(),
    tags: z.array(storedText(maxTagLength)).max(maxTags),
    source: storedText(100).nullable(),
    wonAt: isoTime.nullable(),
    lostAt: isoTime.nullable(),
    lostReason: storedText(500).nullable(),
    ownerId: z.uuid(),
    partnerId: z.uuid().nullable(),
    visibility: visibilitySchema,
    version: z.number().int().min(1).max(2_147_483_647),
    createdBy: z.uuid(),
    createdAt: isoTime,
    updatedAt: isoTime,
    ownerName: storedText(200)
      .nullable()
      .describe(
        'null when the organization hides its staff names from partners (hideStaffNamesFromPartners)',
      ),
    can: z
      .object({ edit: z.boolean(), delete: z.boolean(), commit: z.boolean(), move: z.boolean() })
      .describe('what you may do with this deal (your role, the CRM settings, its owner)'),
  })
  .meta({ id: 'Deal' });
export type DealDto = z.infer<typeof dealSchema>;

export const dealFilters = {
  stageId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  status: dealStatusSchema.optional(),
  ownerId: z.uuid().optional(),
  q: storableString(200, { trim: true }).min(2, 'search needs at least 2 characters').optional(),
};
export type DealFilters = { [K in keyof typeof dealFilters]?: z.infer<(typeof dealFilters)[K]> };

/** A deals cursor: the order that made it (board with a stageId, newest first without), its key and id. */
export const dealCursor = z.union([
  z.tuple([z.literal('board'), z.number(), z.uuid()]),
  z.tuple([z.literal('created'), cursorTime, z.uuid()]),
]);
export type DealCursor = z.infer<typeof dealCursor>;

export const listDealsQuery = z
  .strictObject({
    ...dealFilters,
    limit: limitParam,
    cursor: cursorParam(dealCursor),
  })
  .refine((q) => q.cursor === undefined || q.cursor[0] === (q.stageId ? 'board' : 'created'), {
    path: ['cursor'],
    message: 'cursor does not belong to this list',
  });
export type ListDealsQuery = z.infer<typeof listDealsQuery>;

export const commitDealBody = z.strictObject({ visibility: visibilitySchema });

const currencyQuery = currencySchema.optional().transform((c) => c ?? 'USD');

export const pipelineQuery = z.strictObject({
  limitPerStage: limitParam.describe('deals per column, 1–200 (default 50)'),
  currency: currencyQuery.describe('the currency whose amounts `value` sums (default USD)'),
});

export const pipelineSchema = z
  .object({
    currency: currencyCode,
    stages: z
      .array(
        z.object({
          id: z.uuid(),
          name: storedText(60),
          slug: stageSlug,
          color: stageColor,
          position: z.number().int(),
          probability: z.number().int().min(0).max(100),
          isWon: z.boolean(),
          isLost: z.boolean(),
          count: z.number().int().min(0).describe('readable deals in the column'),
          value: z.number().describe('sum of their amounts in `currency`'),
          deals: z.array(dealSchema).max(200),
          nextCursor: cursorText
            .nullable()
            .describe('for GET /deals?stageId=<id>&cursor=… when the column has more'),
        }),
      )
      .max(maxActiveStages),
  })
  .meta({ id: 'Pipeline' });
export type PipelineDto = z.infer<typeof pipelineSchema>;

export const statsQuery = z.strictObject({ currency: currencyQuery });

export const dealStatsSchema = z
  .object({
    currency: currencyCode,
    openCount: z.number().int(),
    pipelineValue: z.number(),
    weightedValue: z.number(),
    wonCount: z.number().int(),
    lostCount: z.number().int(),
    wonValue: z.number(),
    winRate: z.number().nullable().describe('won ÷ (won + lost), 0–1; null with no closed deals'),
    avgDealSize: z.number().nullable().describe('mean won amount; null with no won deals'),
    byStage: z
      .array(
        z.object({
          stageId: z.uuid(),
          name: storedText(60),
          color: stageColor,
          isWon: z.boolean(),
          isLost: z.boolean(),
          count: z.number().int().min(0),
          value: z.number(),
          weightedValue: z.number().describe('Σ amount × probability ÷ 100 of its deals'),
        }),
      )
      .max(caps.stages),
    byMonth: z
      .array(
        z.object({
          month: z
            .string()
            .max(7)
            .regex(/^\d{4}-\d{2}$/)
            .describe('calendar month, UTC: YYYY-MM'),
          wonCount: z.number().int().min(0),
          lostCount: z.number().int().min(0),
          wonValue: z.number(),
          winRate: z.number().nullable().describe('won ÷ (won + lost) that month; null with none'),
        }),
      )
      .max(24)
      .describe('the last 12 months, oldest first, by the month each deal was won or lost'),
  })
  .meta({ id: 'DealStats' });
export type DealStatsDto = z.infer<typeof dealStatsSchema>;
