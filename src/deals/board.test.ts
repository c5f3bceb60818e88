import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsDemo } from '../demo/contacts.js';
import { seedDemo, demoPassword } from '../demo/seed.js';
import {
  client,
  createTestApp,
  sessionCookieOf,
  signupOrg,
  type TestApp,
} from '../../test/harness.js';
import { dealsDemo } from '../demo/deals.js';
import {
  columnTitles,
  contactOf,
  dealOf,
  orgWithTeam,
  stageIds,
  type Deal,
} from '../../test/deals.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Column = {
  id: string;
  name: string;
  slug: string;
  count: number;
  value: number;
  deals: Deal[];
  nextCursor: string | null;
};

describe('the kanban board', () => {
  it('when a column holds more than a page, then the board shows the first deals and the list continues in board order', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const stages = await stageIds(org.owner);
    const contactId = await contactOf(org.owner, { firstName: 'Sarah', lastName: 'Mitchell' });
    for (let i = 0; i < 7; i++) {
      await dealOf(org.owner, { title: `L${i}`, contactId, amount: 1000 + i * 0.01 });
    }
    await dealOf(org.owner, { title: 'Euro', contactId, amount: 50, currency: 'EUR' });
    await dealOf(org.owner, {
      title: 'N',
      contactId,
      amount: 120_000,
      stageId: stages.negotiation,
    });

    const res = await org.owner.get('/pipeline?limitPerStage=3');
    expect(res.statusCode).toBe(200);
    const board = res.json() as { currency: string; stages: Column[] };
    expect(board.currency).toBe('USD');
    expect(board.stages.map((s) => s.name)).toEqual([
      'Lead',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    const lead = board.stages[0]!;
    expect(lead).toMatchObject({ slug: 'lead', count: 8, value: 7000.21 });
    expect(lead.deals.map((d) => d.title)).toEqual(['L0', 'L1', 'L2']);
    expect(lead.deals[0]).toMatchObject({
      amount: 1000,
      currency: 'USD',
      probability: 10,
      contactName: 'Sarah Mitchell',
    });
    expect(board.stages[3]).toMatchObject({ count: 1, value: 120_000, nextCursor: null });
    expect(board.stages[1]).toMatchObject({ count: 0, value: 0, deals: [] });

    const rest: string[] = [];
    let cursor = lead.nextCursor;
    while (cursor) {
      const page = (
        await org.owner.get(`/deals?stageId=${lead.id}&limit=3&cursor=${cursor}`)
      ).json();
      rest.push(...page.data.map((d: Deal) => d.title));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(['L3', 'L4', 'L5', 'L6', 'Euro']);

    const euro = (await org.owner.get('/pipeline?currency=eur')).json();
    expect(euro.stages[0]).toMatchObject({ count: 8, value: 50 });
    for (const qs of ['limitPerStage=0', 'limitPerStage=201', 'currency=EURO', 'stage=1']) {
      expect((await org.owner.get(`/pipeline?${qs}`)).statusCode, qs).toBe(422);
    }
  });

  it('when a rep opens the board, then counts, values and cards cover only the deals the rep can read', async () => {
    const team = await orgWithTeam(t);
    const contactId = await contactOf(team.org.owner, { visibility: 'organization' });
    await dealOf(team.org.owner, { contactId, amount: 100, title: 'Staff private' });
    await dealOf(team.org.owner, {
      contactId,
      amount: 200,
      title: 'Staff shared',
      visibility: 'organization',
    });
    await dealOf(team.rep.client, { contactId, amount: 400, title: 'Rep private' });
    await dealOf(team.rep2.client, { contactId, amount: 800, title: 'Rep2 private' });
    await dealOf(team.rep2.client, {
      contactId,
      amount: 1600,
      title: 'Rep2 team',
      visibility: 'partner',
    });
    const leadOf = async (c: typeof team.rep.client) =>
      ((await c.get('/pipeline')).json().stages as Column[])[0]!;
    const repLead = await leadOf(team.rep.client);
    expect(repLead).toMatchObject({ count: 3, value: 2200 });
    expect(repLead.deals.map((d) => d.title)).toEqual(['Staff shared', 'Rep private', 'Rep2 team']);
    expect(await leadOf(team.employee.client)).toMatchObject({ count: 1, value: 200 });
    expect(await leadOf(team.admin.client)).toMatchObject({ count: 5, value: 3100 });
    expect(await columnTitles(team.partner.client, team.stages.lead!)).toEqual([
      'Staff shared',
      'Rep2 team',
    ]);
  });
});

/** A byStage entry of GET /deals/stats for an open stage with its default color. */
const stage = (
  stageId: string | undefined,
  name: string,
  count: number,
  value: number,
  weightedValue: number,
) => ({
  stageId,
  name,
  color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
  isWon: false,
  isLost: false,
  count,
  value,
  weightedValue,
});

describe('pipeline statistics', () => {
  it('when there are no closed deals, then win rate and average deal size are null', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    await dealOf(org.owner, { contactId: await contactOf(org.owner), amount: 10 });
    const stats = (await org.owner.get('/deals/stats')).json();
    expect(stats).toMatchObject({
      currency: 'USD',
      openCount: 1,
      pipelineValue: 10,
      weightedValue: 1,
      wonCount: 0,
      lostCount: 0,
      wonValue: 0,
      winRate: null,
      avgDealSize: null,
    });
  });

  it('when a known set of deals is open, won and lost, then every figure is right to the cent', async () => {
    const team = await orgWithTeam(t);
    const s = team.stages;
    const owner = team.org.owner;
    const c = await contactOf(owner, { visibility: 'organization' });
    const deal = (body: Record<string, unknown>) =>
      dealOf(owner, { contactId: c, visibility: 'organization', ...body });
    // Open: 1000.10 @ 10%, 2500.55 @ 40%, 333.33 @ 33% (own probability), 0.01 @ 50%.
    await deal({ amount: 1000.1 });
    await deal({ amount: 2500.55, stageId: s.qualified });
    await deal({ amount: 333.33, stageId: s.qualified, probability: 33 });
    await deal({ amount: 0.01, stageId: s.proposal, probability: 50 });
    // Won: 588 + 1200.50 + 99.99 (one of them moved there); lost: 2400.
    await deal({ amount: 588, stageId: s.won });
    await deal({ amount: 1200.5, stageId: s.won });
    const late = await deal({ amount: 99.99, stageId: s.negotiation });
    await owner.post(`/deals/${late.id}/move`, { stageId: s.won });
    const lost = await deal({ amount: 2400 });
    await owner.post(`/deals/${lost.id}/move`, { stageId: s.lost, lostReason: 'Price' });
    // Not counted: another currency, a deleted deal, and (for the employee) a private deal.
    await deal({ amount: 777, currency: 'EUR' });
    const gone = await deal({ amount: 5000 });
    await owner.del(`/deals/${gone.id}`);
    await dealOf(owner, { contactId: c, amount: 9999, stageId: s.won });

    const res = await team.employee.client.get('/deals/stats');
    expect(res.statusCode).toBe(200);
    const { byMonth, ...stats } = res.json();
    expect(stats).toEqual({
      currency: 'USD',
      openCount: 4,
      pipelineValue: 3833.99, // 1000.10 + 2500.55 + 333.33 + 0.01
      weightedValue: 1210.23, // 100.01 + 1000.22 + 109.9989 + 0.005 = 1210.2339
      wonCount: 3,
      lostCount: 1,
      wonValue: 1888.49,
      winRate: 0.75,
      avgDealSize: 629.5, // 1888.49 / 3 = 629.4966…
      byStage: [
        stage(s.lead, 'Lead', 1, 1000.1, 100.01),
        stage(s.qualified, 'Qualified', 2, 2833.88, 1110.22), // 1000.22 + 109.9989
        stage(s.proposal, 'Proposal', 1, 0.01, 0.01), // 0.005 rounds half up
        stage(s.negotiation, 'Negotiation', 0, 0, 0),
        { ...stage(s.won, 'Won', 3, 1888.49, 1888.49), isWon: true },
        { ...stage(s.lost, 'Lost', 1, 2400, 0), isLost: true },
      ],
    });
    // All closed this month: the trend's last month holds them, the other eleven are empty.
    expect(byMonth).toHaveLength(12);
    expect(byMonth.at(-1)).toEqual({
      month: new Date().toISOString().slice(0, 7),
      wonCount: 3,
      lostCount: 1,
      wonValue: 1888.49,
      winRate: 0.75,
    });
    expect(byMonth.slice(0, 11).every((m: { winRate: unknown }) => m.winRate === null)).toBe(true);
    const admin = (await owner.get('/deals/stats')).json();
    expect(admin).toMatchObject({ wonCount: 4, wonValue: 11_887.49 });
    const euro = (await team.employee.client.get('/deals/stats?currency=EUR')).json();
    expect(euro).toMatchObject({ currency: 'EUR', openCount: 1, pipelineValue: 777 });
    expect((await owner.get('/deals/stats?currency=dollars')).statusCode).toBe(422);
  });
});

describe('win rate over time', () => {
  it('when deals were won and lost in past months, then each month counts its own and older ones drop out', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const s = await stageIds(org.owner);
    const contactId = await contactOf(org.owner);
    const closeAs = async (amount: number, stageId: string | undefined, monthsAgo: number) => {
      const d = await dealOf(org.owner, { contactId, amount });
      const moved = await org.owner.post(`/deals/${d.id}/move`, {
        stageId,
        ...(stageId === s.lost ? { lostReason: 'Price' } : {}),
      });
      expect(moved.statusCode).toBe(200);
      // Back-date the outcome: the API records "now", the trend reads the month.
      await t.database.unsafeOwner.execute(
        sql`update deals set won_at = won_at - make_interval(months => ${monthsAgo}),
              lost_at = lost_at - make_interval(months => ${monthsAgo}) where id = ${d.id}`,
      );
    };
    await closeAs(100, s.won, 0);
    await closeAs(200, s.won, 2);
    await closeAs(300, s.lost, 2);
    await closeAs(400, s.lost, 2);
    await closeAs(500, s.won, 13); // before the window

    const res = await org.owner.get('/deals/stats');
    expect(res.statusCode).toBe(200);
    const { byMonth, wonCount } = res.json() as {
      wonCount: number;
      byMonth: {
        month: string;
        wonCount: number;
        lostCount: number;
        wonValue: number;
        winRate: number | null;
      }[];
    };
    expect(wonCount).toBe(3);
    const month = (ago: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - ago);
      return d.toISOString().slice(0, 7);
    };
    expect(byMonth.map((m) => m.month)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map(month));
    expect(byMonth[11]).toEqual({
      month: month(0),
      wonCount: 1,
      lostCount: 0,
      wonValue: 100,
      winRate: 1,
    });
    expect(byMonth[9]).toEqual({
      month: month(2),
      wonCount: 1,
      lostCount: 2,
      wonValue: 200,
      winRate: 1 / 3,
    });
    expect(byMonth.filter((m) => m.winRate !== null)).toHaveLength(2);
  });
});

describe('demo content', () => {
  it("when the demo is seeded, then the training manual's pipeline is on the board, each deal read by its contact's readers", async () => {
    const fresh = await createTestApp();
    try {
      expect(await seedDemo(fresh.database, [contactsDemo, dealsDemo])).toBe(true);
      const signIn = async (email: string) => {
        const res = await client(fresh.app).post('/auth/login', { email, password: demoPassword });
        return client(fresh.app, { cookie: sessionCookieOf(res) });
      };
      const owner = await signIn('owner@demo.kantivo.test');
      const board = (await owner.get('/pipeline')).json() as { stages: Column[] };
      const cards = board.stages.map((s) =>
        s.deals.map((d) => [d.title, d.amount, d.contactName, d.probability]),
      );
      expect(cards).toEqual([
        [
          ['Website Redesign', 12_000, 'Sarah Mitchell', 10],
          ['Annual License', 540, 'James Rodriguez', 20],
        ],
        [['ERP Integration', 45_000, 'Lisa Chen', 40]],
        [['Consulting Package', 8_500, 'Mark Davis', 60]],
        [['Enterprise Platform', 120_000, 'Rachel Kim', 80]],
        [['Starter Plan', 588, 'Tom Baker', 100]],
        [['Support Renewal', 2_400, 'Nina Patel', 0]],
      ]);
      const lostDeal = board.stages[5]!.deals[0]!;
      expect(lostDeal).toMatchObject({
        status: 'lost',
        lostReason: 'Went with a cheaper competitor',
      });
      expect((await owner.get('/org')).json().usage.deals).toBe(7);

      const rep = await signIn('rep@demo.kantivo.test');
      const repTitles = ((await rep.get('/deals')).json().data as Deal[]).map((d) => d.title);
      expect(repTitles.sort()).toEqual([
        'Annual License',
        'Consulting Package',
        'ERP Integration',
        'Enterprise Platform',
        'Starter Plan',
        'Support Renewal',
        'Website Redesign',
      ]);
      const employee = await signIn('employee@demo.kantivo.test');
      const empTitles = ((await employee.get('/deals')).json().data as Deal[]).map((d) => d.title);
      expect(empTitles).not.toContain('Annual License');
      expect(empTitles).not.toContain('ERP Integration');
      expect(empTitles).toContain('Consulting Package');
    } finally {
      await fresh.close();
    }
  });
});
