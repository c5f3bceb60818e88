// Helpers shared by the import tests: the upload as a browser sends it, and reads back.
import type { Client } from './harness.js';

export type ContactLike = Record<string, unknown> & { id: string; email: string };

export async function importCsv(c: Client, csv: string | Buffer, query = '') {
  const r = await c.request('POST', `/contacts/import${query}`, csv, {
    'content-type': 'text/csv',
  });
  return { statusCode: r.statusCode, body: r.json() };
}

export async function allContacts(c: Client, filters = ''): Promise<ContactLike[]> {
  const out: ContactLike[] = [];
  let cursor: string | null = null;
  do {
    const url = `/contacts?limit=200${filters}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await c.get(url)).json() as { data: ContactLike[]; nextCursor: string | null };
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export const byEmail = (list: ContactLike[]) =>
  new Map(list.map((c) => [c.email.toLowerCase(), c]));

export async function timelineTypes(c: Client, id: string): Promise<string[]> {
  const res = await c.get(`/contacts/${id}/activities`);
  return (res.json() as { data: { type: string }[] }).data.map((a) => a.type);
}

export async function total(c: Client): Promise<number> {
  return ((await c.get('/contacts/stats')).json() as { total: number }).total;
}
