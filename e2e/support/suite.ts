import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openBrowser, screenshot, type Session } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export type BrowserSuite = { server: RunningServer; session: Session; page: Page };

/**
 * A server and a browser for the calling describe block (or file): started
 * before its first test and closed after its last. A failing test leaves a
 * screenshot, `failed-<name>-<test>.png`. The fields are set once the
 * block's first `beforeAll` has run.
 */
export function browserSuite(name: string): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startServer();
    suite.session = await openBrowser(suite.server.url);
    suite.page = suite.session.page;
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && suite.page) {
      const test = context.task.name.slice(5, 45).replace(/\W+/g, '-');
      await screenshot(suite.page, `failed-${name}-${test}`);
    }
  });
  afterAll(async () => {
    await suite.session?.close();
    await suite.server?.stop();
  });
  return suite;
}
