import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contactSchema } from '../contacts/schema.js';
import { listOf, problemSchema } from '../shared/schemas.js';
import { serializerCompiler } from './serialize.js';

const contact: z.output<typeof contactSchema> = {
  id: '019a0000-0000-7000-8000-000000000001',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.test',
  phone: null,
  mobile: '+44 20 7946 0000',
  company: 'Analytical "Engines" Ltd',
  jobTitle: null,
  website: null,
  linkedin: null,
  street: 'Line one\nline two',
  city: 'London',
  state: null,
  postalCode: null,
  country: 'GB',
  type: 'customer',
  status: 'active',
  source: null,
  tags: ['vip', 'über'],
  notes: null,
  customFields: { tier: 'gold', seats: 12, nested: { ok: true } },
  customerId: null,
  ownerId: '019a0000-0000-7000-8000-000000000002',
  partnerId: null,
  visibility: 'organization',
  version: 3,
  createdBy: '019a0000-0000-7000-8000-000000000002',
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ownerName: 'Grace "Amazing" Hopper',
  can: { edit: true, delete: false, commit: true },
};

describe('answers written from the response schema', () => {
  it('when a page of contacts is written, then it is the JSON the Zod schema gives, special characters and custom fields included', () => {
    const page = {
      data: [contact, { ...contact, id: '019a0000-0000-7000-8000-000000000003' }],
      nextCursor: 'abc',
    };
    const write = serializerCompiler({ schema: listOf(contactSchema) });
    expect(JSON.parse(write(page))).toEqual(z.encode(listOf(contactSchema), page));
  });

  it('when an answer carries fields the schema does not declare, then they are not sent', () => {
    const leaky = { ...contact, passwordHash: 'secret-hash', orgId: 'other' };
    const written = serializerCompiler({ schema: listOf(contactSchema) })({
      data: [leaky],
      nextCursor: null,
    });
    expect(written).not.toContain('secret-hash');
    expect(Object.keys(JSON.parse(written).data[0])).toEqual(Object.keys(contact));
  });

  it('when a required field is missing, then writing fails instead of sending a partial answer', () => {
    const { email: _email, ...partial } = contact;
    const write = serializerCompiler({ schema: contactSchema });
    expect(() => write(partial)).toThrow(/email/);
  });

  it('when a problem carries extra members, then they are kept (RFC 9457 allows them)', () => {
    const problem = {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'Changed',
      currentVersion: 4,
    };
    expect(JSON.parse(serializerCompiler({ schema: problemSchema })(problem))).toEqual(problem);
  });
});
