// Helpers for the deal and stage API tests (not loaded by the application).
import { signupOrg, type Client, type TestApp } from './harness.js';

export type Deal = {
  id: string;
  title: string;
  amount: number;
  currency: string;
  probability: number;
  stageId: string;
  stageName: string;
  status: 'open' | 'won' | 'lost';
  contactId: string;
  contactName: string | null;
  wonAt: string | null;
  lostAt: string | null;
  lostReason: string | null;
  visibility: string;
  version: number;
  ownerId: string;
};

export type Activity = {
  type: string;
  subject: string | null;
  body: string | null;
  changes: { field: string; from: unknown; to: unknown }[] | null;
  dealId: string | null;
  contactId: string | null;
};

let counter = 0;

/** Creates a contact and returns its id. */
export async function contactOf(
  c: Client,
  extra: Record<string, unknown> = {},
  name = `Person${counter}`,
): Promise<string> {
  const res = await c.post('/contacts', {
    firstName: name,
    lastName: 'Buyer',
    email: `buyer${counter++}@deals.test`,
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`contact failed: ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** The org's active stages by slug. */
export async function stageIds(c: Client): Promise<Record<string, string>> {
  const list = (await c.get('/stages')).json() as { data: { id: string; slug: string }[] };
  return Object.fromEntries(list.data.map((s) => [s.slug, s.id]));
}

/** Creates a deal (201 expected) and returns it. */
export async function dealOf(c: Client, body: Record<string, unknown>): Promise<Deal> {
  const res = await c.post('/deals', { title: `Deal ${counter++}`, ...body });
  if (res.statusCode !== 201) throw new Error(`deal failed: ${res.statusCode} ${res.body}`);
  return res.json() as Deal;
}

/** Deal titles of one column, in board order, through the list's pages. */
export async function columnTitles(c: Client, stageId: string, limit = 200): Promise<string[]> {
  const titles: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/deals?stageId=${stageId}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await c.get(url)).json() as { data: Deal[]; nextCursor: string | null };
    titles.push(...page.data.map((d) => d.title));
    cursor = page.nextCursor;
  } while (cursor);
  return titles;
}

export async function timelineOf(c: Client, path: string): Promise<Activity[]> {
  return ((await c.get(`${path}/activities?limit=200`)).json() as { data: Activity[] }).data;
}

/** An org with one user of each role; the partner and the rep work for the same partner. */
export async function orgWithTeam(t: TestApp, plan: 'starter' | 'growth' = 'growth') {
  const org = await signupOrg(t.app, { plan });
  const partnerId = await org.addPartner('Northwind');
  const admin = await org.addUser('admin');
  const employee = await org.addUser('employee');
  const partner = await org.addUser('partner', partnerId);
  const rep = await org.addUser('sales_rep', partnerId);
  const rep2 = await org.addUser('sales_rep', partnerId);
  const stages = await stageIds(org.owner);
  return { org, partnerId, admin, employee, partner, rep, rep2, stages };
}
