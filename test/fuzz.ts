import fc from 'fast-check';
import type { Org } from './harness.js';
import { waitForImportJobs } from '../src/imports/jobs.js';

// What the fuzz test (src/app/fuzz.test.ts) sends: hostile text, query values
// and cursors, and one record of each kind for the routes' ids.

export const payloads = [
  "'; drop table contacts; --",
  '" OR 1=1 --',
  '=HYPERLINK("http://evil.test")',
  '+SUM(A1:A9)',
  '@cmd',
  '{{constructor.constructor("return process")()}}',
  '<script>alert(1)</script>',
  '\u0000\uFFFF\uD800',
];

const unstorableChars = ['\u0000', '\ud800', '\udbff', '\udc00', '\udfff'];
const controlChars = ['\u0001', '\b', '\t', '\n', '\r', '\u000b', '\u001b', '\u001f', '\u007f'];
const oddChars = ['\u0085', '\u2028', '\u202e', '\ufeff', '\uffff', '\ud83d\ude00'];

/** Written here, apart from the schema's own check, so the test does not trust it. */
export const isUnstorable = (text: string) =>
  text.includes('\u0000') ||
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/** Short text mixing plain characters, control characters and, often, unstorable ones. */
export const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom(...controlChars, ...oddChars),
      fc.constantFrom(...unstorableChars),
      fc.constantFrom(...payloads),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => parts.join(''));

/** A query value: the same, percent-encoded, plus raw sequences that are not UTF-8. */
export const hostileQueryValue = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 4 }).map(encodeURIComponent),
      fc.constantFrom(...controlChars, ...oddChars, '\u0000').map(encodeURIComponent),
      fc.constantFrom('%ED%A0%80', '%ED%B0%80', '%C3%28', '%FF', '%', '%0', '+', '&x=', '[]'),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''))
  .chain((text) => fc.constantFrom(text, `${text}%00ok`, `ok%00${text}`));

/** Whether the server reads a NUL: a value that is not valid percent-encoded UTF-8 stays raw. */
export function decodesToNul(value: string): boolean {
  if (value.includes('&')) return false;
  try {
    return decodeURIComponent(value).includes('\u0000');
  } catch {
    return false;
  }
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors: junk, arbitrary JSON, and tuples of plausible and implausible keys (trust #12). */
export const cursors = fc.oneof(
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.jsonValue({ maxDepth: 3 }).map(base64url),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('name', '-name', 'createdAt', '-updatedAt', 'board', 'created'),
        fc.date({ noInvalidDate: false }).map((d) => (isNaN(+d) ? 'Invalid' : d.toISOString())),
        fc.uuid(),
        hostileText,
        fc.integer(),
        fc.constantFrom(2 ** 31, 2 ** 53, -1, 0.5, 1e308, -0),
        fc.double(),
        fc.constant(null),
      ),
      { maxLength: 5 },
    )
    .map(base64url),
);

/** One record of each kind, by collection name, for the routes' `{id}`. */
export async function seedRecords(o: Org): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const contact = (
    await o.owner.post('/contacts', { firstName: 'Fuzz', lastName: 'Target', email: 'fuzz@x.io' })
  ).json();
  out.contacts = contact.id;
  out.deals = (
    await o.owner.post('/deals', { title: 'Fuzz deal', amount: 10, contactId: contact.id })
  ).json().id;
  out.templates = (
    await o.owner.post('/templates', { category: 'note', name: 'Fuzz', body: 'Hi {{first_name}}' })
  ).json().id;
  out.stages = (await o.owner.get('/stages')).json().data[0].id;
  out.partners = (await o.owner.post('/partners', { name: 'Fuzz partner' })).json().id;
  out.users = (
    await o.owner.post('/users', {
      name: 'Fuzz user',
      email: `fuzz.user.${o.orgId}@x.io`,
      password: 'long enough pw',
      role: 'employee',
    })
  ).json().id;
  out.imports = (
    await o.owner.post('/contacts/import?async=true', 'First Name,Email\nImported,imp@x.io\n')
  ).json().id;
  // The job ends before anything is compared: the fuzz must find the import as it stays.
  await waitForImportJobs();
  out['custom-fields'] = (
    await o.owner.post('/custom-fields', { key: 'fuzz', label: 'Fuzz', type: 'text' })
  ).json().id;
  out['import-mappings'] = (
    await o.owner.post('/import-mappings', { name: 'Fuzz', mapping: { Email: 'email' } })
  ).json().id;
  return out;
}

/** A route's URL with its `{id}` filled from `known`, without the /api/v1 prefix. */
export const urlOf = (path: string, known: Record<string, string>) =>
  path.replace('/api/v1', '').replace(/\{\w+\}/, known[path.split('/')[3]!] ?? 'lesson-1');
