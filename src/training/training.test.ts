import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app);
});
afterAll(() => t.close());

type Training = {
  lessons: { id: string; roles: string[]; hasQuiz: boolean; quiz: unknown }[];
  progress: {
    completed: string[];
    percent: number;
    score: number;
    maxScore: number;
    stars: number;
    quizzes: Record<string, boolean>;
  };
};

describe('training', () => {
  it('when a new user opens the course, then ten lessons, six quizzes and no progress', async () => {
    const res = await org.owner.get('/training');
    expect(res.statusCode).toBe(200);
    const body = res.json() as Training;
    expect(body.lessons).toHaveLength(10);
    expect(body.lessons.filter((l) => l.hasQuiz)).toHaveLength(6);
    expect(body.lessons.find((l) => l.id === 'stages')?.roles).toEqual(['org_admin']);
    expect(JSON.stringify(body)).not.toContain('"answer"');
    expect(JSON.stringify(body)).not.toContain('correctAnswer');
    expect(JSON.stringify(body)).not.toContain('explanation');
    expect(body.progress).toEqual({
      completed: [],
      percent: 0,
      score: 0,
      maxScore: 6,
      stars: 0,
      quizzes: {},
    });
  });

  it('when not signed in, then 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/training' });
    expect(res.statusCode).toBe(401);
  });

  it('when a lesson is completed twice, then it counts once', async () => {
    const user = await org.addUser('employee');
    for (let i = 0; i < 2; i++) {
      const res = await user.client.post('/training/welcome', { complete: true });
      expect(res.statusCode).toBe(200);
      expect(res.json().quiz).toBeNull();
    }
    const progress = ((await user.client.get('/training')).json() as Training).progress;
    expect(progress).toMatchObject({ completed: ['welcome'], percent: 10, score: 0 });
  });

  it('when a quiz is answered right, then the score and stars rise, and the lesson is complete', async () => {
    const user = await org.addUser('sales_rep');
    const res = await user.client.post('/training/templates', { answer: 'c' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.quiz).toEqual({
      answer: 'c',
      correct: true,
      correctAnswer: 'c',
      explanation: expect.stringContaining('double curly braces'),
      recorded: true,
    });
    expect(body.progress).toMatchObject({
      completed: ['templates'],
      percent: 10,
      score: 1,
      stars: 1,
      quizzes: { templates: true },
    });
  });

  it('when a quiz is answered wrong and then again right, then the first answer stands', async () => {
    const user = await org.addUser('partner');
    const first = (await user.client.post('/training/bulk', { answer: 'a' })).json();
    expect(first.quiz).toMatchObject({ answer: 'a', correct: false, recorded: true });
    const again = (
      await user.client.post('/training/bulk', { answer: 'c', complete: true })
    ).json();
    expect(again.quiz).toEqual({
      answer: 'a',
      correct: false,
      correctAnswer: 'c',
      explanation: expect.stringContaining('Growth and Scale'),
      recorded: false,
    });
    expect(again.progress).toMatchObject({ score: 0, quizzes: { bulk: false } });
  });

  it('when a quiz was answered, then the course shows that user its answer and why, and no one else', async () => {
    const user = await org.addUser('employee');
    await user.client.post('/training/visibility', { answer: 'a' });
    type Quiz = { review: { answer: string; correctAnswer: string; explanation: string } | null };
    const quizOf = async (c: typeof user.client, id: string) =>
      ((await c.get('/training')).json() as Training).lessons.find((l) => l.id === id)
        ?.quiz as Quiz;
    expect((await quizOf(user.client, 'visibility')).review).toEqual({
      answer: 'a',
      correctAnswer: 'c',
      explanation: expect.stringContaining('compliance override'),
    });
    expect((await quizOf(user.client, 'deals')).review).toBeNull();
    const other = await org.addUser('employee');
    expect((await quizOf(other.client, 'visibility')).review).toBeNull();
  });

  it('when all quizzes are answered right and every lesson completed, then 100%, 6/6 and five stars', async () => {
    const user = await org.addUser('admin');
    const answers: Record<string, string> = {
      contacts: 'b',
      visibility: 'c',
      deals: 'b',
      templates: 'c',
      bulk: 'c',
      stats: 'd',
    };
    const { lessons } = (await user.client.get('/training')).json() as Training;
    for (const lesson of lessons) {
      const answer = answers[lesson.id];
      const res = await user.client.post(
        `/training/${lesson.id}`,
        answer ? { answer } : { complete: true },
      );
      expect(res.statusCode, lesson.id).toBe(200);
    }
    const progress = ((await user.client.get('/training')).json() as Training).progress;
    expect(progress).toMatchObject({ percent: 100, score: 6, maxScore: 6, stars: 5 });
    expect(progress.completed).toEqual(lessons.map((l) => l.id));
  });

  it('when progress is recorded, then other users, also in other orgs, do not see it', async () => {
    await org.owner.post('/training/contacts', { answer: 'b' });
    const other = await signupOrg(t.app, { orgName: 'Other' });
    const theirs = ((await other.owner.get('/training')).json() as Training).progress;
    expect(theirs.completed).toEqual([]);
    const colleague = await org.addUser('employee');
    expect(((await colleague.client.get('/training')).json() as Training).progress.score).toBe(0);
    const mine = ((await org.owner.get('/training')).json() as Training).progress;
    expect(mine).toMatchObject({ completed: ['contacts'], score: 1 });
  });

  it('when the body or lesson is wrong, then 404 or 422 and nothing is recorded', async () => {
    const user = await org.addUser('employee');
    const cases: [string, unknown, number][] = [
      ['/training/nope', { complete: true }, 404],
      ['/training/welcome', {}, 422],
      ['/training/welcome', { complete: false }, 422],
      ['/training/welcome', { answer: 'a' }, 422],
      ['/training/contacts', { answer: 'z' }, 422],
      ['/training/contacts', { answer: 'b', score: 6 }, 422],
      ['/training/contacts', { answer: 2 }, 422],
    ];
    for (const [url, body, status] of cases) {
      const res = await user.client.post(url, body);
      expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const progress = ((await user.client.get('/training')).json() as Training).progress;
    expect(progress.completed).toEqual([]);
  });

  it('when two answers race, then exactly one is recorded', async () => {
    const user = await org.addUser('employee');
    const [a, b] = await Promise.all([
      user.client.post('/training/stats', { answer: 'a' }),
      user.client.post('/training/stats', { answer: 'd' }),
    ]);
    const recorded = [a.json().quiz.recorded, b.json().quiz.recorded];
    expect(recorded.filter(Boolean)).toHaveLength(1);
    const progress = ((await user.client.get('/training')).json() as Training).progress;
    expect(Object.keys(progress.quizzes)).toEqual(['stats']);
  });
});
