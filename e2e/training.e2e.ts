import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, screenshot, signUpOrg, type Session } from './support/browser.js';
import { browserSuite } from './support/suite.js';

/** The CRM training: lessons, quizzes, progress and score, kept by the API. */
describe('when a new user takes the training', () => {
  let session: Session;
  let page: Page;

  const suite = browserSuite('training');

  beforeAll(async () => {
    ({ session, page } = suite);
    await signUpOrg(page, { orgName: 'Training Co', name: 'Tina Trainee', emailPrefix: 'tina' });
  });

  it('then answering a quiz raises the training progress and score', async () => {
    await page.goto('/training');
    const summary = page.getByTestId('training-summary');
    expect(await page.getByTestId('training-percent').textContent()).toBe('0%');
    await page.getByRole('button', { name: /Managing contacts/ }).click();
    await page.getByRole('heading', { name: 'Managing contacts' }).waitFor();
    await page.getByLabel('First name, last name and e-mail').check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await page.getByText('Correct!').waitFor();
    await expect.poll(() => page.getByTestId('training-percent').textContent()).toBe('10%');
    expect(await page.getByTestId('training-score').textContent()).toBe('1');
    await summary.getByRole('img', { name: '1 of 5 stars' }).waitFor();
    await screenshot(page, 'training-quiz');

    await page.getByRole('button', { name: 'Next lesson' }).click();
    await page.getByRole('heading', { name: 'Contact activities & timeline' }).waitFor();
    await page.getByRole('button', { name: 'Mark as complete' }).click();
    await expect.poll(() => page.getByTestId('training-percent').textContent()).toBe('20%');
    await page.reload();
    await expect.poll(() => page.getByTestId('training-percent').textContent()).toBe('20%');
    const progress = await apiCall<{ progress: { score: number; completed: string[] } }>(
      page,
      'GET',
      '/training',
    );
    expect(progress.progress).toMatchObject({ score: 1, completed: ['contacts', 'activities'] });
  });

  it('then no page logged an error', () => {
    expect(session.problems).toEqual([]);
  });
});
