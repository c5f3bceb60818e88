import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type TestApp } from '../../test/harness.js';
import { contactOf, dealOf, orgWithTeam, stageIds, timelineOf } from '../../test/deals.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Stage = {
  id: string;
  name: string;
  slug: string;
  color: string;
  position: number;
  probability: number;
  isWon: boolean;
  isLost: boolean;
  isActive: boolean;
  version: number;
};

const list = async (c: { get(url: string): Promise<{ json(): unknown }> }, qs = '') =>
  ((await c.get(`/stages${qs}`)).json() as { data: Stage[] }).data;

describe('default stages', () => {
  it('when an org signs up, then every role reads Lead, Qualified, Proposal, Negotiation, Won and Lost in order', async () => {
    const team = await orgWithTeam(t);
    for (const c of [team.org.owner, team.employee.client, team.partner.client, team.rep.client]) {
      const stages = await list(c);
      expect(stages.map((s) => [s.name, s.slug, s.probability, s.isWon, s.isLost])).toEqual([
        ['Lead', 'lead', 10, false, false],
        ['Qualified', 'qualified', 40, false, false],
        ['Proposal', 'proposal', 60, false, false],
        ['Negotiation', 'negotiation', 80, false, false],
        ['Won', 'won', 100, true, false],
        ['Lost', 'lost', 0, false, true],
      ]);
      expect(stages.every((s) => s.isActive && /^#[0-9a-f]{6}$/.test(s.color))).toBe(true);
    }
  });
});

describe('managing stages (org admins)', () => {
  it('when an admin adds "Demo Scheduled", then its slug is demo-scheduled and it lands before Won and Lost', async () => {
    const team = await orgWithTeam(t);
    const res = await team.admin.client.post('/stages', {
      name: 'Demo Scheduled',
      color: '#0EA5E9',
      probability: 25,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Demo Scheduled',
      slug: 'demo-scheduled',
      color: '#0ea5e9',
      probability: 25,
      isWon: false,
      isLost: false,
      isActive: true,
      version: 1,
    });
    expect((await list(team.org.owner)).map((s) => s.slug)).toEqual([
      'lead',
      'qualified',
      'proposal',
      'negotiation',
      'demo-scheduled',
      'won',
      'lost',
    ]);
    const closing = await team.org.owner.post('/stages', {
      name: 'Closed – Churned',
      isLost: true,
    });
    expect(closing.json()).toMatchObject({ slug: 'closed-churned', isLost: true });
    expect((await list(team.org.owner)).at(-1)!.slug).toBe('closed-churned');
  });

  it('when the name makes a slug an active stage already has, then 409; bad fields are 422; nothing is added', async () => {
    const org = await signupOrg(t.app);
    expect((await org.owner.post('/stages', { name: 'lead!' })).statusCode).toBe(409);
    for (const body of [
      {},
      { name: '   ' },
      { name: 'X', color: 'blue' },
      { name: 'X', probability: 101 },
      { name: 'X', probability: 50.5 },
      { name: 'X', probability: '50' },
      { name: 'X', isWon: true, isLost: true },
      { name: 'X', slug: 'x' },
      { name: 'X', position: 2 },
    ]) {
      const res = await org.owner.post('/stages', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await list(org.owner)).toHaveLength(6);
  });

  it('when an employee, partner or sales rep manages stages, then 403 and nothing changes', async () => {
    const team = await orgWithTeam(t);
    const lead = team.stages.lead!;
    for (const c of [team.employee.client, team.partner.client, team.rep.client]) {
      expect((await c.post('/stages', { name: 'Mine' })).statusCode).toBe(403);
      expect((await c.patch(`/stages/${lead}`, { name: 'Mine' })).statusCode).toBe(403);
      expect((await c.del(`/stages/${team.stages.lost}`)).statusCode).toBe(403);
      expect(
        (await c.post('/stages/reorder', { ids: Object.values(team.stages).reverse() })).statusCode,
      ).toBe(403);
    }
    expect((await list(team.org.owner)).map((s) => s.name)).toEqual([
      'Lead',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
  });

  it('when a stage is renamed and recolored, then its slug follows the name; a stale If-Match is 412', async () => {
    const org = await signupOrg(t.app);
    const { proposal } = await stageIds(org.owner);
    const res = await org.owner.patch(
      `/stages/${proposal}`,
      { name: 'Proposal Sent', color: '#123abc', probability: 65 },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Proposal Sent',
      slug: 'proposal-sent',
      color: '#123abc',
      probability: 65,
      version: 2,
    });
    expect(res.headers.etag).toBe('"2"');
    const stale = await org.owner.patch(
      `/stages/${proposal}`,
      { name: 'X' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect((await org.owner.patch(`/stages/${proposal}`, { name: 'Won' })).statusCode).toBe(409);
    expect((await list(org.owner))[2]!.name).toBe('Proposal Sent');
  });

  it('when stages are reordered with every active id once, then the pipeline follows; otherwise 422 and the order stays', async () => {
    const org = await signupOrg(t.app);
    const before = await list(org.owner);
    const ids = before.map((s) => s.id);
    const stranger = (await list(await signupOrg(t.app).then((o) => o.owner)))[0]!.id;
    for (const bad of [
      ids.slice(1),
      [...ids, ids[0]],
      [...ids.slice(1), stranger],
      [ids[1], ...ids.slice(1)],
      [],
    ]) {
      const res = await org.owner.post('/stages/reorder', { ids: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(422);
    }
    expect((await list(org.owner)).map((s) => s.id)).toEqual(ids);

    const wanted = [ids[1], ids[0], ids[3], ids[2], ids[5], ids[4]] as string[];
    const res = await org.owner.post('/stages/reorder', { ids: wanted });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((s: Stage) => s.id)).toEqual(wanted);
    const after = await list(org.owner);
    expect(after.map((s) => s.id)).toEqual(wanted);
    expect(after.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
    const board = (await org.owner.get('/pipeline')).json();
    expect(board.stages.map((s: { id: string }) => s.id)).toEqual(wanted);
  });

  it('when a stage holds a deal, then it cannot be deleted (409); once empty it is soft-deleted and history still names it', async () => {
    const org = await signupOrg(t.app);
    const stages = await stageIds(org.owner);
    const custom = (await org.owner.post('/stages', { name: 'Demo Scheduled' })).json() as Stage;
    const contactId = await contactOf(org.owner);
    const deal = await dealOf(org.owner, { contactId, stageId: custom.id });

    const refused = await org.owner.del(`/stages/${custom.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('1 deal');
    expect((await org.owner.patch(`/stages/${custom.id}`, { isWon: true })).statusCode).toBe(409);

    await org.owner.post(`/deals/${deal.id}/move`, { stageId: stages.proposal });
    expect((await org.owner.del(`/stages/${custom.id}`)).statusCode).toBe(204);
    expect((await org.owner.del(`/stages/${custom.id}`)).statusCode).toBe(404);

    expect((await list(org.owner)).map((s) => s.id)).not.toContain(custom.id);
    const all = await list(org.owner, '?includeInactive=true');
    expect(all.find((s) => s.id === custom.id)).toMatchObject({
      name: 'Demo Scheduled',
      isActive: false,
    });
    const board = (await org.owner.get('/pipeline')).json();
    expect(board.stages.map((s: { id: string }) => s.id)).not.toContain(custom.id);

    const move = (await timelineOf(org.owner, `/deals/${deal.id}`)).find(
      (a) => a.type === 'stage_change',
    )!;
    expect(move.subject).toBe('Demo Scheduled → Proposal');
    expect(move.changes![0]).toEqual({
      field: 'stage',
      from: { id: custom.id, name: 'Demo Scheduled' },
      to: { id: stages.proposal, name: 'Proposal' },
    });

    const back = await org.owner.post(`/deals/${deal.id}/move`, { stageId: custom.id });
    expect(back.statusCode).toBe(422);
    expect(
      (await org.owner.post('/deals', { title: 'X', contactId, stageId: custom.id })).statusCode,
    ).toBe(422);
    // The slug is free again for a new active stage.
    expect((await org.owner.post('/stages', { name: 'Demo scheduled' })).statusCode).toBe(201);
  });

  it('when a stage is empty, then its won/lost meaning can change; both at once is 422', async () => {
    const org = await signupOrg(t.app);
    const { negotiation } = await stageIds(org.owner);
    const res = await org.owner.patch(`/stages/${negotiation}`, { isWon: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isWon: true, isLost: false });
    expect((await org.owner.patch(`/stages/${negotiation}`, { isLost: true })).statusCode).toBe(
      422,
    );
    expect(
      (await org.owner.patch(`/stages/${negotiation}`, { isWon: false, isLost: true })).json(),
    ).toMatchObject({ isWon: false, isLost: true });
  });
});

describe('concurrent stage deletes', () => {
  it('trust #11: when the last two stages are deleted at once, then one delete succeeds, the other is a 409 problem, and one stage remains', async () => {
    // Several rounds: on PostgreSQL the two deletes run in two sessions at once.
    for (let round = 0; round < 3; round++) {
      const org = await signupOrg(t.app, { plan: 'growth' });
      const stages = await list(org.owner);
      for (const s of stages.slice(2)) {
        expect((await org.owner.del(`/stages/${s.id}`)).statusCode).toBe(204);
      }
      const [a, b] = stages;
      const results = await Promise.all([
        org.owner.del(`/stages/${a!.id}`),
        org.owner.del(`/stages/${b!.id}`),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);
      const refused = results.find((r) => r.statusCode === 409)!;
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().detail).toMatch(/at least one stage/);
      expect(await list(org.owner)).toHaveLength(1);
    }
  });
});
