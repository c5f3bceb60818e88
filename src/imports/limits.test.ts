import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

describe('import size limit', () => {
  it('when a file declares more than 200 MB, then 413 before anything is read or written', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import',
      headers: {
        cookie: `kantivo_session=${org.owner.cookie}`,
        'x-requested-with': 'test',
        'content-type': 'text/csv',
        'content-length': String(201 * 1024 * 1024),
      },
      payload: 'First Name,Last Name,Email\nAda,Lovelace,ada@x.io\n',
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await org.owner.get('/contacts/stats')).json().total).toBe(0);
  });

  it('when a CSV is larger than the 1 MB limit of JSON routes, then the import route still takes it whole', async () => {
    const notes = 'n'.repeat(600);
    const rows = Array.from({ length: 2_000 }, (_, i) => `Row${i},Big,row${i}@big.test,${notes}`);
    const csvRows = rows.join('\n');
    const csv = `First Name,Last Name,Email,Notes\n${csvRows}\n`;
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const res = await org.owner.post('/contacts/import', csv);
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(2_000);
  });
});
