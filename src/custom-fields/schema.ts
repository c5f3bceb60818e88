import { z } from 'zod';
import { storedText, storableString } from '../shared/schemas.js';

export const customFieldTypes = ['text', 'number', 'date', 'boolean', 'select'] as const;

export const customFieldSchema = z
  .object({
    id: z.uuid(),
    key: z
      .string()
      .max(63)
      .regex(/^[a-z][a-z0-9_]*$/),
    label: storedText(100),
    type: z.enum(customFieldTypes),
    options: z.array(storedText(100)).max(100).nullable(),
    version: z.number().int().min(1).max(2_147_483_647),
  })
  .meta({ id: 'CustomField' });
export type CustomFieldDto = z.infer<typeof customFieldSchema>;

const options = z
  .array(storableString(100, { trim: true }).min(1))
  .min(1)
  .max(100);

export const createCustomFieldBody = z
  .strictObject({
    key: z
      .string()
      .max(63)
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _, starting with a letter'),
    label: storableString(100, { trim: true }).min(1),
    type: z.enum(customFieldTypes),
    options: options.optional(),
  })
  .refine((v) => (v.type === 'select') === (v.options !== undefined), {
    message: 'options are required for select fields and only for them',
    path: ['options'],
  });

export const updateCustomFieldBody = z.strictObject({
  label: storableString(100, { trim: true }).min(1).optional(),
  options: options.optional(),
});
