import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, signupOrg, type TestApp } from '../../test/harness.js';
import { caps } from '../orgs/caps.js';
import { operationIdOf } from './openapi.js';

let t: TestApp;
let doc: {
  paths: Record<string, Record<string, { security?: unknown[]; operationId?: string }>>;
};
beforeAll(async () => {
  t = await createTestApp();
  doc = (await client(t.app).get('/openapi.json')).json();
});
afterAll(() => t.close());

/**
 * Spectral's OpenAPI rules and the OWASP API Security Top 10 (2023) rules,
 * as integrators' and scanners' tools run them; the few rules that cannot
 * apply to this API are off, each with its reason.
 */
const ruleset = {
  extends: [
    [oas as RulesetDefinition, 'recommended'],
    [owasp as unknown as RulesetDefinition, 'recommended'],
  ],
  rules: {
    // Only sign-up, sign-in, import and export are rate limited, and the server sends no
    // RateLimit-* headers; those routes declare 429 with Retry-After (checked by
    // owasp:api4:2023-rate-limit-retry-after). A 429 or RateLimit headers on every other
    // route would document limits that do not exist.
    'owasp:api4:2023-rate-limit': 'off',
    'owasp:api4:2023-rate-limit-responses-429': 'off',
    // The API is same-origin with its web app and sends no CORS headers, so browsers on
    // other origins are refused by default; there is no Access-Control-Allow-Origin to declare.
    'owasp:api8:2023-define-cors-origin': 'off',
    // Sign-up, sign-in, sign-out and redeeming a reset token cannot require a sign-in;
    // the test below pins the public operations to exactly those four.
    'owasp:api2:2023-write-restricted': 'off',
  },
} as RulesetDefinition;

/**
 * Findings tolerated for now, by rule and where (a pattern of the path in the document).
 * Each entry is a debt: delete it when its cause is fixed; the test fails on an
 * entry that no longer matches anything, so the list can only shrink.
 */
const allowed: { rules: string[]; at: RegExp; why: string }[] = [];

type Finding = { code: string | number; path: (string | number)[]; severity: number };

describe('the API document', () => {
  it('trust API document: Spectral finds no errors or warnings', async () => {
    const spectral = new Spectral();
    spectral.setRuleset(ruleset);
    const results = (await spectral.run(JSON.stringify(doc))) as Finding[];
    const findings = results
      .filter((r) => r.severity <= 1) // 0 error, 1 warning
      .map((r) => ({ rule: String(r.code), at: r.path.join('.') }));
    const matches = (a: (typeof allowed)[number], f: { rule: string; at: string }) =>
      a.rules.includes(f.rule) && a.at.test(f.at);
    const isAllowed = (f: { rule: string; at: string }) => allowed.some((a) => matches(a, f));
    expect(findings.filter((f) => !isAllowed(f)).map((f) => `${f.rule} at ${f.at}`)).toEqual([]);
    // An entry that no longer matches anything is fixed debt: delete it.
    expect(allowed.filter((a) => !findings.some((f) => matches(a, f))).map((a) => a.why)).toEqual(
      [],
    );
  });

  it('when the document is read, then every operation has a unique operationId made from its method and path, and only sign-up, sign-in, sign-out and redeeming a reset are public', () => {
    const ids: string[] = [];
    const open: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.operationId).toBe(operationIdOf(method, path));
        ids.push(op.operationId!);
        if (op.security?.length === 0) open.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(operationIdOf('get', '/api/v1/contacts/{id}/activities')).toBe(
      'getContactsByIdActivities',
    );
    expect(open.sort()).toEqual([
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/password-reset',
      'POST /api/v1/auth/signup',
    ]);
  });

  it('when a TypeScript client is generated from the document with openapi-typescript, then it type-checks', async () => {
    const types = astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
    const dir = mkdtempSync(join(tmpdir(), 'kantivo-client-'));
    try {
      writeFileSync(join(dir, 'api.ts'), types);
      // A few uses an integrator would write; a wrong shape is a type error.
      writeFileSync(
        join(dir, 'use.ts'),
        `import type { components, operations, paths } from './api.js';
type Contact = components['schemas']['Contact'];
type Page = paths['/api/v1/contacts']['get']['responses'][200]['content']['application/json'];
type Problem = operations['getContactsById']['responses'][404]['content']['application/problem+json'];
type Limited = operations['postContactsImport']['responses'][429]['headers']['Retry-After'];
export const id: Contact['id'] = 'x';
export const first = (page: Page): Contact | undefined => page.data[0];
export const detail = (problem: Problem): string => problem.detail;
export const wait: Limited = 30;
`,
      );
      const program = ts.createProgram([join(dir, 'use.ts')], {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: [],
      });
      const errors = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bounds the document promises', () => {
  it('when a problem would quote a huge request, then its detail and field errors stay within their documented lengths', async () => {
    const org = await signupOrg(t.app);
    const res = await org.owner.post('/contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@x.io',
      ['k'.repeat(50_000)]: 1,
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.detail.length).toBeLessThanOrEqual(2000);
    for (const e of problem.errors) expect(e.message.length).toBeLessThanOrEqual(500);
  });

  it('when a user holds the most API tokens allowed, then one more is refused with 409', async () => {
    const org = await signupOrg(t.app);
    for (let i = 0; i < caps.tokensPerUser; i++) {
      expect((await org.owner.post('/tokens', { name: `t${i}` })).statusCode).toBe(201);
    }
    const refused = await org.owner.post('/tokens', { name: 'one too many' });
    expect(refused.statusCode).toBe(409);
    expect((await org.owner.get('/tokens')).json().data).toHaveLength(caps.tokensPerUser);
  });

  it('when a bulk change would give a contact more than 50 tags, then 422 names it and nothing changes', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const tags = Array.from({ length: 50 }, (_, i) => `tag${i}`);
    const contact = (
      await org.owner.post('/contacts', {
        firstName: 'Tag',
        lastName: 'Full',
        email: 'tags@x.io',
        tags,
      })
    ).json();
    const res = await org.owner.post('/contacts/bulk', {
      ids: [contact.id],
      addTags: ['one-more'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().ids).toEqual([contact.id]);
    expect((await org.owner.get(`/contacts/${contact.id}`)).json().tags).toHaveLength(50);
  });

  it('when a template would render longer than 100,000 characters, then 422 and nothing is logged', async () => {
    const org = await signupOrg(t.app);
    const contact = (
      await org.owner.post('/contacts', {
        firstName: 'Long',
        lastName: 'Company',
        email: 'long@x.io',
        company: 'c'.repeat(200),
      })
    ).json();
    const template = (
      await org.owner.post('/templates', {
        category: 'note',
        name: 'Amplifier',
        body: '{{company_name}}'.repeat(1000),
      })
    ).json();
    const res = await org.owner.post(`/templates/${template.id}/use`, { contactId: contact.id });
    expect(res.statusCode).toBe(422);
    const timeline = (await org.owner.get(`/contacts/${contact.id}/activities`)).json().data;
    expect(timeline.some((a: { type: string }) => a.type === 'template_used')).toBe(false);
  });
});
