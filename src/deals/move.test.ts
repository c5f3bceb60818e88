import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import {
  columnTitles,
  contactOf,
  dealOf,
  stageIds,
  timelineOf,
  type Deal,
} from '../../test/deals.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A fresh org with one column of deals A, B, C, D in the Lead stage. */
async function boardWith(titles = ['A', 'B', 'C', 'D']) {
  const org = await signupOrg(t.app, { plan: 'growth' });
  const stages = await stageIds(org.owner);
  const contactId = await contactOf(org.owner);
  const deals: Record<string, Deal> = {};
  for (const title of titles) deals[title] = await dealOf(org.owner, { title, contactId });
  return { org, stages, contactId, deals };
}

const move = (org: Org, deal: Deal, body: Record<string, unknown>, headers = {}) =>
  org.owner.post(`/deals/${deal.id}/move`, body, headers);

describe('placing a deal inside a column', () => {
  it('when deals are moved to the top, the middle and the bottom, then the column reads in that order', async () => {
    const { org, stages, deals } = await boardWith();
    const lead = stages.lead!;
    expect(await columnTitles(org.owner, lead)).toEqual(['A', 'B', 'C', 'D']);

    const top = await move(org, deals.D!, { stageId: lead, beforeId: deals.A!.id });
    expect(top.statusCode).toBe(200);
    expect(await columnTitles(org.owner, lead)).toEqual(['D', 'A', 'B', 'C']);

    await move(org, deals.D!, { stageId: lead, afterId: deals.B!.id });
    expect(await columnTitles(org.owner, lead)).toEqual(['A', 'B', 'D', 'C']);

    await move(org, deals.A!, { stageId: lead, beforeId: deals.C!.id });
    expect(await columnTitles(org.owner, lead)).toEqual(['B', 'D', 'A', 'C']);

    await move(org, deals.B!, { stageId: lead, afterId: deals.C!.id });
    expect(await columnTitles(org.owner, lead)).toEqual(['D', 'A', 'C', 'B']);

    await move(org, deals.D!, { stageId: lead });
    expect(await columnTitles(org.owner, lead)).toEqual(['A', 'C', 'B', 'D']);

    // A reorder is no change to the deal: no activity, no new version.
    const d = (await org.owner.get(`/deals/${deals.D!.id}`)).json();
    expect(d.version).toBe(1);
    const types = (await timelineOf(org.owner, `/deals/${deals.D!.id}`)).map((a) => a.type);
    expect(types).toEqual(['created']);
  });

  it('when one spot is used again and again until the keys run out, then the column is rebalanced and keeps its order', async () => {
    const { org, stages, deals } = await boardWith(['A', 'B', 'C', 'D']);
    const lead = stages.lead!;
    // Each move goes between A and the last deal moved: the gap halves every time.
    for (let i = 0; i < 60; i++) {
      const mover = i % 2 === 0 ? deals.C! : deals.D!;
      const res = await move(org, mover, { stageId: lead, afterId: deals.A!.id });
      expect(res.statusCode).toBe(200);
      const expected =
        i === 0 ? ['A', 'C', 'B', 'D'] : i % 2 === 0 ? ['A', 'C', 'D', 'B'] : ['A', 'D', 'C', 'B'];
      if (i % 10 === 9 || i < 2)
        expect(await columnTitles(org.owner, lead), `move ${i}`).toEqual(expected);
    }
    expect(await columnTitles(org.owner, lead)).toEqual(['A', 'D', 'C', 'B']);
    const keys = await queryRows<{ position: number }>(
      t.database.unsafeOwner,
      sql`select position from deals where org_id = ${org.orgId} order by position`,
    );
    // Sixty halvings of the first gap would leave no room between two doubles; every key is
    // still distinct because the column was spread out again on the way.
    const gaps = keys.slice(1).map((k, i) => k.position - keys[i]!.position);
    expect(Math.min(...gaps)).toBeGreaterThan(0);
  });
});

describe('moving between stages', () => {
  it('when a deal moves to another stage, then it joins the end of that column and stage_change names both stages', async () => {
    const { org, stages, deals, contactId } = await boardWith(['A', 'B']);
    const q = await dealOf(org.owner, { title: 'Q1', contactId, stageId: stages.qualified });
    const res = await move(org, deals.A!, { stageId: stages.qualified });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      stageId: stages.qualified,
      stageName: 'Qualified',
      probability: 40,
      status: 'open',
      version: 2,
    });
    expect(res.headers.etag).toBe('"2"');
    expect(await columnTitles(org.owner, stages.qualified!)).toEqual([q.title, 'A']);
    expect(await columnTitles(org.owner, stages.lead!)).toEqual(['B']);

    const [change] = await timelineOf(org.owner, `/deals/${deals.A!.id}`);
    expect(change).toMatchObject({
      type: 'stage_change',
      subject: 'Lead → Qualified',
      dealId: deals.A!.id,
      contactId,
    });
    expect(change!.changes).toEqual([
      {
        field: 'stage',
        from: { id: stages.lead, name: 'Lead' },
        to: { id: stages.qualified, name: 'Qualified' },
      },
      { field: 'probability', from: 10, to: 40 },
    ]);

    // A probability the user chose stays when the deal moves on.
    await org.owner.patch(`/deals/${deals.A!.id}`, { probability: 45 });
    const kept = await move(org, deals.A!, { stageId: stages.proposal });
    expect(kept.json().probability).toBe(45);
  });

  it('when a deal is placed before or after a deal of the target stage, then it lands exactly there', async () => {
    const { org, stages, deals, contactId } = await boardWith(['A', 'B']);
    const q1 = await dealOf(org.owner, { title: 'Q1', contactId, stageId: stages.qualified });
    await dealOf(org.owner, { title: 'Q2', contactId, stageId: stages.qualified });
    await move(org, deals.A!, { stageId: stages.qualified, afterId: q1.id });
    await move(org, deals.B!, { stageId: stages.qualified, beforeId: q1.id });
    expect(await columnTitles(org.owner, stages.qualified!)).toEqual(['B', 'Q1', 'A', 'Q2']);
  });

  it('when a deal is won, lost and reopened, then wonAt, lostAt and lostReason follow and won/lost are logged', async () => {
    const { org, stages, deals } = await boardWith(['A']);
    const a = deals.A!;
    const won = (await move(org, a, { stageId: stages.won })).json();
    expect(won).toMatchObject({ status: 'won', lostAt: null, lostReason: null, probability: 100 });
    expect(Date.parse(won.wonAt)).not.toBeNaN();

    const lost = (await move(org, a, { stageId: stages.lost, lostReason: 'Budget cut' })).json();
    expect(lost).toMatchObject({ status: 'lost', wonAt: null, lostReason: 'Budget cut' });
    expect(Date.parse(lost.lostAt)).not.toBeNaN();

    // Inside the lost column the reason can be corrected.
    const fixed = await move(org, a, { stageId: stages.lost, lostReason: 'Chose a competitor' });
    expect(fixed.json()).toMatchObject({ lostReason: 'Chose a competitor', lostAt: lost.lostAt });

    const reopened = (await move(org, a, { stageId: stages.negotiation })).json();
    expect(reopened).toMatchObject({
      status: 'open',
      wonAt: null,
      lostAt: null,
      lostReason: null,
    });

    const history = await timelineOf(org.owner, `/deals/${a.id}`);
    expect(history.map((x) => x.type)).toEqual([
      'stage_change',
      'field_update',
      'lost',
      'stage_change',
      'won',
      'stage_change',
      'created',
    ]);
    expect(history.find((x) => x.type === 'lost')!.body).toBe('Budget cut');
    expect((await org.owner.get('/deals?status=open')).json().data).toHaveLength(1);
  });

  it('when a deal is created in a won stage, then it is won from the start', async () => {
    const { org, stages, contactId } = await boardWith([]);
    const deal = await dealOf(org.owner, { contactId, stageId: stages.won, amount: 588 });
    expect(deal.status).toBe('won');
    expect(deal.wonAt).not.toBeNull();
    const types = (await timelineOf(org.owner, `/deals/${deal.id}`)).map((a) => a.type);
    expect(types.sort()).toEqual(['created', 'won']);
  });
});

describe('refused moves', () => {
  it('when the target or anchor is wrong, or If-Match is stale, then 4xx and the deal stays put', async () => {
    const { org, stages, deals, contactId } = await boardWith(['A', 'B']);
    const q = await dealOf(org.owner, { title: 'Q', contactId, stageId: stages.qualified });
    const other = await signupOrg(t.app, { plan: 'growth' });
    const foreignStage = (await stageIds(other.owner)).lead;
    const a = deals.A!;
    for (const [body, status] of [
      [{ stageId: stages.lead, beforeId: q.id }, 422],
      [{ stageId: stages.qualified, afterId: deals.B!.id }, 422],
      [{ stageId: stages.lead, afterId: a.id }, 422],
      [{ stageId: stages.lead, beforeId: deals.B!.id, afterId: deals.B!.id }, 422],
      [{ stageId: foreignStage }, 422],
      [{ stageId: '01a206e1-41ed-72a4-82ca-300d92cef5b8' }, 422],
      [{ stageId: stages.qualified, lostReason: 'Price' }, 422],
      [{ stageId: stages.qualified, position: 1 }, 422],
      [{}, 422],
    ] as const) {
      const res = await move(org, a, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
    }
    await move(org, a, { stageId: stages.proposal });
    const stale = await move(org, a, { stageId: stages.won }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const now = (await org.owner.get(`/deals/${a.id}`)).json();
    expect(now).toMatchObject({ stageName: 'Proposal', version: 2 });
    expect((await move(org, a, { stageId: stages.won }, { 'if-match': '"2"' })).json().status).toBe(
      'won',
    );
    expect(
      (
        await org.owner.post('/deals/01a206e1-41ed-72a4-82ca-300d92cef5b8/move', {
          stageId: stages.won,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('concurrent moves', () => {
  it('when ten deals are moved at once into one column, then every move lands and each is logged once', async () => {
    const titles = Array.from({ length: 10 }, (_, i) => `M${i}`);
    const { org, stages, deals } = await boardWith(titles);
    const results = await Promise.all(
      titles.map((title) => move(org, deals[title]!, { stageId: stages.negotiation })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(titles.map(() => 200));
    expect(new Set(await columnTitles(org.owner, stages.negotiation!))).toEqual(new Set(titles));
    expect(await columnTitles(org.owner, stages.lead!)).toEqual([]);
    for (const title of titles) {
      const types = (await timelineOf(org.owner, `/deals/${deals[title]!.id}`)).map((a) => a.type);
      expect(types).toEqual(['stage_change', 'created']);
    }
  });

  it('when deals are moved at once to the same spot and within their column, then none is lost', async () => {
    const titles = ['A', 'B', 'C', 'D', 'E', 'F'];
    const { org, stages, deals } = await boardWith(titles);
    const lead = stages.lead!;
    const qualified = stages.qualified!;
    await move(org, deals.A!, { stageId: qualified });
    const results = await Promise.all([
      move(org, deals.B!, { stageId: qualified, afterId: deals.A!.id }),
      move(org, deals.C!, { stageId: qualified, afterId: deals.A!.id }),
      move(org, deals.D!, { stageId: qualified, beforeId: deals.A!.id }),
      move(org, deals.E!, { stageId: lead, beforeId: deals.B!.id }),
      move(org, deals.F!, { stageId: lead }),
    ]);
    const codes = results.map((r) => r.statusCode);
    expect([codes[0], codes[1], codes[2], codes[4]]).toEqual([200, 200, 200, 200]);
    // E's anchor may already have left for the other column: then its move alone is refused.
    expect([200, 422]).toContain(codes[3]);
    const col = await columnTitles(org.owner, qualified);
    expect(col[0]).toBe('D');
    expect(col[1]).toBe('A');
    expect(new Set(col)).toEqual(new Set(['A', 'B', 'C', 'D']));
    const rest = await columnTitles(org.owner, lead);
    expect([...col, ...rest].sort()).toEqual(titles);
  });
});
