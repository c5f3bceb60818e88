import { z } from 'zod';

const count = z.number().int().min(0);

export const gettingStartedSchema = z
  .object({
    contacts: count.describe('contacts in the organization, not deleted'),
    deals: count.describe('deals in the organization, not deleted'),
    activities: count.describe('activities people logged (notes, e-mails, calls, meetings)'),
    templates: count.describe('message templates, not deleted'),
    users: count.describe('active users, the caller included'),
    stagesCustomized: z
      .boolean()
      .describe('a stage was added, renamed, recolored, reordered or deleted since signup'),
  })
  .meta({ id: 'GettingStarted' });
export type GettingStartedDto = z.infer<typeof gettingStartedSchema>;
