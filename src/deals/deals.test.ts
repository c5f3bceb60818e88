import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { contactOf, dealOf, stageIds, timelineOf, type Deal } from '../../test/deals.js';

let t: TestApp;
let org: Org;
let stages: Record<string, string>;
let contactId: string;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
  stages = await stageIds(org.owner);
  contactId = await contactOf(org.owner, { firstName: 'Rachel', lastName: 'Kim' }, 'Rachel');
});
afterAll(() => t.close());

describe('creating and reading deals', () => {
  it('when only a title and a contact are sent, then it starts in the first stage with its probability, in USD, logged as created', async () => {
    const res = await org.owner.post('/deals', { title: 'Enterprise Platform', contactId });
    expect(res.statusCode).toBe(201);
    const deal = res.json();
    expect(deal).toMatchObject({
      title: 'Enterprise Platform',
      amount: 0,
      currency: 'USD',
      probability: 10,
      stageId: stages.lead,
      stageName: 'Lead',
      status: 'open',
      contactId,
      contactName: 'Rachel Kim',
      wonAt: null,
      lostAt: null,
      lostReason: null,
      ownerId: org.ownerId,
      visibility: 'individual',
      version: 1,
      tags: [],
    });
    expect(res.headers.etag).toBe('"1"');
    const got = await org.owner.get(`/deals/${deal.id}`);
    expect(got.json()).toEqual(deal);
    expect(got.headers.etag).toBe('"1"');
    const [created] = await timelineOf(org.owner, `/deals/${deal.id}`);
    expect(created).toMatchObject({ type: 'created', dealId: deal.id, contactId });
    // The contact's timeline shows its deal's history too.
    const contactTimeline = await timelineOf(org.owner, `/contacts/${contactId}`);
    expect(contactTimeline.some((a) => a.dealId === deal.id && a.type === 'created')).toBe(true);
  });

  it('when every field is sent, then each is kept exactly, money to the cent', async () => {
    const deal = await dealOf(org.owner, {
      title: 'ERP Integration',
      amount: 123_456_789.01,
      currency: 'eur',
      probability: 35,
      expectedCloseDate: '2027-03-31',
      contactId,
      stageId: stages.qualified,
      description: 'Phase one',
      tags: ['Enterprise', 'Enterprise', 'Q1'],
      source: 'Trade Show',
      visibility: 'organization',
    });
    expect(deal).toMatchObject({
      amount: 123_456_789.01,
      currency: 'EUR',
      probability: 35,
      expectedCloseDate: '2027-03-31',
      stageName: 'Qualified',
      description: 'Phase one',
      tags: ['Enterprise', 'Q1'],
      source: 'Trade Show',
      visibility: 'organization',
    });
    const max = await dealOf(org.owner, { contactId, amount: 999_999_999_999.99 });
    expect(max.amount).toBe(999_999_999_999.99);
    const cents = await dealOf(org.owner, { contactId, amount: 0.1 });
    expect(cents.amount).toBe(0.1);
  });

  it('when a field is missing, malformed, unknown or read-only, then 422 and nothing is created', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    const c = await contactOf(o.owner);
    const ok = { title: 'Deal', contactId: c };
    for (const body of [
      { contactId: c },
      { title: 'Deal' },
      { ...ok, title: '  ' },
      { ...ok, amount: -1 },
      { ...ok, amount: 1.005 },
      { ...ok, amount: '100' },
      { ...ok, amount: 1e12 },
      { ...ok, currency: 'XYZ' },
      { ...ok, currency: 'US' },
      { ...ok, probability: 101 },
      { ...ok, probability: 12.5 },
      { ...ok, expectedCloseDate: '31/03/2027' },
      { ...ok, stageId: 'lead' },
      { ...ok, status: 'won' },
      { ...ok, position: 3 },
      { ...ok, id: '01a206e1-41ed-72a4-82ca-300d92cef5b8' },
      { ...ok, version: 2 },
      { ...ok, wonAt: new Date().toISOString() },
      { ...ok, visibility: 'partner' },
      { ...ok, lostReason: 'too early' },
    ]) {
      const res = await o.owner.post('/deals', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await o.owner.get('/deals')).json().data).toHaveLength(0);
    expect((await o.owner.get('/org')).json().usage.deals).toBe(0);
  });

  it('when the contact or stage is unknown, deleted, or of another org, then 422 naming the field', async () => {
    const other = await signupOrg(t.app, { plan: 'growth' });
    const foreignContact = await contactOf(other.owner);
    const foreignStage = (await stageIds(other.owner)).lead;
    const gone = await contactOf(org.owner);
    await org.owner.del(`/contacts/${gone}`);
    for (const [body, path] of [
      [{ contactId: foreignContact }, 'contactId'],
      [{ contactId: gone }, 'contactId'],
      [{ contactId: '01a206e1-41ed-72a4-82ca-300d92cef5b8' }, 'contactId'],
      [{ contactId, stageId: foreignStage }, 'stageId'],
    ] as const) {
      const res = await org.owner.post('/deals', { title: 'X', ...body });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].path).toBe(path);
    }
  });

  it('when a malformed or unknown id is asked, then 404', async () => {
    expect((await org.owner.get('/deals/nope')).statusCode).toBe(404);
    expect((await org.owner.get('/deals/01a206e1-41ed-72a4-82ca-300d92cef5b8')).statusCode).toBe(
      404,
    );
    const other = await signupOrg(t.app, { plan: 'growth' });
    const theirs = await dealOf(other.owner, { contactId: await contactOf(other.owner) });
    expect((await org.owner.get(`/deals/${theirs.id}`)).statusCode).toBe(404);
  });
});

describe('editing deals', () => {
  it('when fields change, then one field_update lists each change with money as numbers', async () => {
    const other = await contactOf(org.owner, { firstName: 'Lisa', lastName: 'Chen' }, 'Lisa');
    const deal = await dealOf(org.owner, { title: 'Website', amount: 12_000, contactId });
    const res = await org.owner.patch(
      `/deals/${deal.id}`,
      {
        title: 'Website Redesign',
        amount: 12_500.5,
        probability: 15,
        contactId: other,
        tags: ['Web'],
        description: '',
      },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Website Redesign',
      amount: 12_500.5,
      probability: 15,
      contactId: other,
      contactName: 'Lisa Chen',
      version: 2,
    });
    expect(res.headers.etag).toBe('"2"');
    const update = (await timelineOf(org.owner, `/deals/${deal.id}`)).find(
      (a) => a.type === 'field_update',
    )!;
    expect(update.contactId).toBe(other);
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'title', from: 'Website', to: 'Website Redesign' },
        { field: 'amount', from: 12_000, to: 12_500.5 },
        { field: 'probability', from: 10, to: 15 },
        { field: 'contactId', from: contactId, to: other },
        { field: 'tags', from: [], to: ['Web'] },
      ]),
    );
    expect(update.changes).toHaveLength(5);
    // Sending the same values again changes nothing.
    const same = await org.owner.patch(`/deals/${deal.id}`, { amount: 12_500.5 });
    expect(same.json().version).toBe(2);
  });

  it('when If-Match is stale, then 412 and nothing changes', async () => {
    const deal = await dealOf(org.owner, { contactId, amount: 100 });
    await org.owner.patch(`/deals/${deal.id}`, { amount: 200 });
    const stale = await org.owner.patch(
      `/deals/${deal.id}`,
      { amount: 300 },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect((await org.owner.get(`/deals/${deal.id}`)).json().amount).toBe(200);
    const staleCommit = await org.owner.post(
      `/deals/${deal.id}/commit`,
      { visibility: 'organization' },
      { 'if-match': '"1"' },
    );
    expect(staleCommit.statusCode).toBe(412);
    expect((await org.owner.del(`/deals/${deal.id}`, { 'if-match': '"1"' })).statusCode).toBe(412);
  });

  it('when visibility is lowered by PATCH or commit, then 409; a commit up logs visibility_change', async () => {
    const deal = await dealOf(org.owner, { contactId });
    const up = await org.owner.post(`/deals/${deal.id}/commit`, { visibility: 'organization' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ visibility: 'organization', version: 2 });
    expect(
      (await org.owner.patch(`/deals/${deal.id}`, { visibility: 'individual' })).statusCode,
    ).toBe(409);
    expect(
      (await org.owner.post(`/deals/${deal.id}/commit`, { visibility: 'organization' })).statusCode,
    ).toBe(409);
    const change = (await timelineOf(org.owner, `/deals/${deal.id}`)).find(
      (a) => a.type === 'visibility_change',
    )!;
    expect(change.changes).toEqual([
      { field: 'visibility', from: 'individual', to: 'organization' },
    ]);
  });

  it('when lostReason is set on a deal that is not lost, then 422', async () => {
    const deal = await dealOf(org.owner, { contactId });
    expect((await org.owner.patch(`/deals/${deal.id}`, { lostReason: 'Price' })).statusCode).toBe(
      422,
    );
    expect((await org.owner.patch(`/deals/${deal.id}`, { stageId: stages.won })).statusCode).toBe(
      422,
    );
  });

  it('when deleted, then the deal leaves every read and count, its contact keeps the history', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    const c = await contactOf(o.owner);
    const deal = await dealOf(o.owner, { contactId: c, amount: 500 });
    expect((await o.owner.get('/org')).json().usage.deals).toBe(1);
    expect((await o.owner.del(`/deals/${deal.id}`)).statusCode).toBe(204);
    expect((await o.owner.get(`/deals/${deal.id}`)).statusCode).toBe(404);
    expect((await o.owner.get(`/deals/${deal.id}/activities`)).statusCode).toBe(404);
    expect((await o.owner.get('/deals')).json().data).toHaveLength(0);
    expect((await o.owner.get('/deals/stats')).json()).toMatchObject({
      openCount: 0,
      pipelineValue: 0,
    });
    const board = (await o.owner.get('/pipeline')).json();
    expect(board.stages[0]).toMatchObject({ count: 0, value: 0, deals: [] });
    expect((await o.owner.get('/org')).json().usage.deals).toBe(0);
    const history = await timelineOf(o.owner, `/contacts/${c}`);
    expect(history.find((a) => a.type === 'deleted')).toMatchObject({
      dealId: deal.id,
      subject: deal.title,
    });
  });
});

describe('listing deals', () => {
  it('when filtering by stage, contact, status, owner and title, then only matching deals return', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    const s = await stageIds(o.owner);
    const a = await contactOf(o.owner);
    const b = await contactOf(o.owner);
    const won = await dealOf(o.owner, { title: 'Starter Plan', contactId: a, stageId: s.won });
    const lost = await dealOf(o.owner, { title: '100% Renewal', contactId: a, stageId: s.lost });
    const open = await dealOf(o.owner, { title: 'Website_Redesign', contactId: b });
    const ids = async (qs: string) =>
      (await o.owner.get(`/deals?${qs}`)).json().data.map((d: Deal) => d.id);
    expect(await ids(`stageId=${s.won}`)).toEqual([won.id]);
    expect(new Set(await ids(`contactId=${a}`))).toEqual(new Set([won.id, lost.id]));
    expect(await ids('status=won')).toEqual([won.id]);
    expect(await ids('status=lost')).toEqual([lost.id]);
    expect(await ids('status=open')).toEqual([open.id]);
    expect(await ids(`ownerId=${o.ownerId}`)).toHaveLength(3);
    expect(await ids('q=STARTER')).toEqual([won.id]);
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([lost.id]);
    expect(await ids(`q=${encodeURIComponent('e_r')}`)).toEqual([open.id]);
    expect(await ids(`q=${encodeURIComponent('1%0')}`)).toEqual([]);
    expect(await ids('')).toEqual([open.id, lost.id, won.id]);
    for (const qs of ['q=a', 'status=stalled', 'limit=0', 'limit=201', 'cursor=junk', 'stage=x']) {
      expect((await o.owner.get(`/deals?${qs}`)).statusCode, qs).toBe(422);
    }
  });

  it('when paging, then every deal comes exactly once, and a cursor of another order is 422', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    const c = await contactOf(o.owner);
    for (let i = 0; i < 7; i++) await dealOf(o.owner, { title: `D${i}`, contactId: c });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/deals?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { data: Deal[]; nextCursor: string | null } = (await o.owner.get(url)).json();
      seen.push(...page.data.map((d) => d.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['D6', 'D5', 'D4', 'D3', 'D2', 'D1', 'D0']);
    const first = (await o.owner.get('/deals?limit=3')).json().nextCursor;
    const { lead } = await stageIds(o.owner);
    expect((await o.owner.get(`/deals?stageId=${lead}&cursor=${first}`)).statusCode).toBe(422);
  });
});

describe('activities on a deal', () => {
  it('when a call is logged, then it heads the timeline and carries the deal and its contact', async () => {
    const deal = await dealOf(org.owner, { contactId });
    const res = await org.owner.post(`/deals/${deal.id}/activities`, {
      type: 'call',
      subject: 'Pricing',
      body: 'Asked for a discount',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ type: 'call', dealId: deal.id, contactId });
    expect((await timelineOf(org.owner, `/deals/${deal.id}`))[0]!.type).toBe('call');
    expect(
      (await org.owner.post(`/deals/${deal.id}/activities`, { type: 'won', body: 'x' })).statusCode,
    ).toBe(422);
  });
});

describe('plan limits', () => {
  it('when creates race at 49 of 50 deals on Starter, then exactly one succeeds; a delete frees a slot', async () => {
    const o = await signupOrg(t.app, { plan: 'starter' });
    const c = await contactOf(o.owner);
    const first = await dealOf(o.owner, { contactId: c });
    await t.database.unsafeOwner.execute(
      sql`update org_usage set deals = 49 where org_id = ${o.orgId}`,
    );
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => o.owner.post('/deals', { title: `R${i}`, contactId: c })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode === 403);
    expect(refused).toHaveLength(4);
    expect(refused[0]!.json().type).toContain('plan-limit');
    expect(refused[0]!.json().detail).toContain('growth');
    expect((await o.owner.get('/org')).json().usage.deals).toBe(50);
    expect((await o.owner.get('/deals')).json().data).toHaveLength(2);
    await o.owner.del(`/deals/${first.id}`);
    expect((await o.owner.post('/deals', { title: 'Again', contactId: c })).statusCode).toBe(201);
  });
});
