import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';

/** Bump when the generated data changes shape, so cached files are rebuilt. */
export const generatorVersion = 2;

/** A tiny seeded PRNG (mulberry32): the same seed gives the same data on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a few integers: random-looking ids that can be recomputed from an index. */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0');

/** A UUIDv7 with the given millisecond time and deterministic random bits. */
export function uuid7(ms: number, seed: number, kind: number, index: number): string {
  const r1 = hash32(seed, kind, index, 1);
  const r2 = hash32(seed, kind, index, 2);
  const r3 = hash32(seed, kind, index, 3);
  const t = Math.floor(ms).toString(16).padStart(12, '0');
  const ver = `7${hex(r1 & 0xfff, 3)}`;
  const variant = hex(0x8000 | ((r1 >>> 12) & 0x3fff), 4);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-${ver}-${variant}-${hex(r2, 8)}${hex(r3 & 0xffff, 4)}`;
}

export const pick = <T>(rng: () => number, list: readonly T[]): T =>
  list[Math.floor(rng() * list.length)]!;

/** Picks by weight: `[['lead', 40], ['prospect', 25]…]`. */
export function weighted<T>(rng: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [value, w] of choices) if ((x -= w) < 0) return value;
  return choices[choices.length - 1]![0];
}

const firstNames = (
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard ' +
  'Susan Joseph Jessica Thomas Sarah Charles Karen Chris Lisa Daniel Nancy Matthew Betty Anthony ' +
  'Sandra Mark Ashley Donald Emily Steven Kimberly Paul Donna Andrew Michelle Joshua Carol Kenji ' +
  'Amara Sofia Lucas Mateo Chloe Noah Emma Liam Olivia Aisha Ravi Priya Wei Mei Hiroshi Yuki ' +
  'Fatima Omar Lars Ingrid Pierre Camille Diego Lucia Jonas Anna'
).split(' ');
const lastNames = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez ' +
  'Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris ' +
  'Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill ' +
  'Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Tanaka Sato ' +
  'Kowalski Novak Schmidt Muller Rossi Dubois Larsen Johansson Okafor Mensah Patel Sharma Chen ' +
  'Wang Kim Park Silva Santos Costa Ivanova Murphy Kelly'
).split(' ');
const companyHeads = (
  'Northwind Contoso Globex Initech Umbrella Stark Wayne Acme Hooli Vandelay Soylent Tyrell ' +
  'Cyberdyne Wonka Gringotts Oscorp Aperture Blue Sun Massive Dynamic Pied Piper Prestige ' +
  'Sterling Bluth Dunder Mifflin Kramerica Monarch Nakatomi Virtucon Zorg Gekko Duff Lacuna ' +
  'Wernham Polymer Quantum Summit Harbor Pioneer Evergreen Redwood Silverline Brightpath Keystone'
).split(' ');
const companyTails = [
  'Inc',
  'LLC',
  'Group',
  'Labs',
  'Systems',
  'Partners',
  'Holdings',
  'Logistics',
  'Software',
  'Foods',
];
const jobTitles = [
  'CEO',
  'CTO',
  'CFO',
  'VP Sales',
  'Sales Manager',
  'Account Executive',
  'Head of Marketing',
  'Marketing Manager',
  'Office Manager',
  'Procurement Lead',
  'IT Director',
  'Operations Manager',
  'Founder',
  'Engineer',
  'Consultant',
];
const places = [
  ['Austin', 'TX', '787'],
  ['Boston', 'MA', '021'],
  ['Chicago', 'IL', '606'],
  ['Denver', 'CO', '802'],
  ['Seattle', 'WA', '981'],
  ['Portland', 'OR', '972'],
  ['Atlanta', 'GA', '303'],
  ['Miami', 'FL', '331'],
  ['Phoenix', 'AZ', '850'],
  ['New York', 'NY', '100'],
  ['San Diego', 'CA', '921'],
  ['Nashville', 'TN', '372'],
  ['Toronto', 'ON', 'M5V'],
  ['London', 'LDN', 'EC1'],
  ['Berlin', 'BE', '101'],
] as const;
const countryOf: Record<string, string> = { ON: 'CA', LDN: 'GB', BE: 'DE' };
const streets = ['Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Lake', 'Hill', 'Park', 'Market'];
const streetKinds = ['St', 'Ave', 'Rd', 'Blvd', 'Way'];
const sources = ['web', 'referral', 'event', 'partner', 'cold_call', 'linkedin'];
const tagPool = ['vip', 'newsletter', 'q3-campaign', 'enterprise', 'smb', 'renewal', 'trial'];
const noteLines = [
  'Met at the trade show, wants a demo',
  'Prefers e-mail, call after 3pm',
  'Budget approved for next quarter',
  'Evaluating two competitors',
  'Asked for a quote on 50 seats',
  'Follow up after the holidays',
  'Decision maker, signs off on renewals',
  'Introduced by an existing customer',
];
export const contactTypes = [
  ['lead', 40],
  ['prospect', 25],
  ['customer', 25],
  ['vendor', 5],
  ['other', 5],
] as const;
export const contactStatuses = [
  ['active', 80],
  ['inactive', 15],
  ['do_not_contact', 5],
] as const;

/** One generated contact, in the import's field names. */
export type ContactValues = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  mobile: string;
  company: string;
  jobTitle: string;
  website: string;
  linkedin: string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  type: string;
  status: string;
  source: string;
  tags: string[];
  notes: string;
};

const digits = (rng: () => number, n: number) =>
  String(Math.floor(rng() * 10 ** n)).padStart(n, '0');

/** A realistic contact; `i` makes the e-mail unique within one data set. */
export function contactValues(rng: () => number, i: number): ContactValues {
  const firstName = pick(rng, firstNames);
  const lastName = pick(rng, lastNames);
  const head = pick(rng, companyHeads);
  const company = `${head} ${pick(rng, companyTails)}`;
  const domain = `${head.toLowerCase()}.${pick(rng, ['com', 'io', 'net', 'co'])}`;
  const [city, state, zip] = pick(rng, places);
  const tags: string[] = [];
  const nTags = weighted(rng, [
    [0, 50],
    [1, 35],
    [2, 15],
  ]);
  for (let t = 0; t < nTags; t++) {
    const tag = pick(rng, tagPool);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return {
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${i.toString(36)}@${domain}`.toLowerCase(),
    phone: `(${digits(rng, 3)}) ${digits(rng, 3)}-${digits(rng, 4)}`,
    mobile: rng() < 0.4 ? `(${digits(rng, 3)}) ${digits(rng, 3)}-${digits(rng, 4)}` : '',
    company,
    jobTitle: pick(rng, jobTitles),
    website: rng() < 0.3 ? `https://${domain}` : '',
    linkedin: rng() < 0.1 ? `https://linkedin.com/in/${firstName}-${i.toString(36)}` : '',
    street:
      rng() < 0.6
        ? `${1 + Math.floor(rng() * 9999)} ${pick(rng, streets)} ${pick(rng, streetKinds)}`
        : '',
    city,
    state,
    postalCode: `${zip}${digits(rng, 2)}`,
    country: countryOf[state] ?? 'US',
    type: weighted(rng, contactTypes),
    status: weighted(rng, contactStatuses),
    source: pick(rng, sources),
    tags,
    notes: rng() < 0.2 ? pick(rng, noteLines) : '',
  };
}

/** The import file's columns: the export's header names (the import maps them). */
export const csvColumns = [
  ['First Name', 'first_name'],
  ['Last Name', 'last_name'],
  ['Email', 'email'],
  ['Phone', 'phone'],
  ['Mobile', 'mobile'],
  ['Company', 'company'],
  ['Job Title', 'job_title'],
  ['Website', 'website'],
  ['LinkedIn', 'linkedin'],
  ['Street', 'street'],
  ['City', 'city'],
  ['State', 'state'],
  ['Postal Code', 'postal_code'],
  ['Country', 'country'],
  ['Type', 'type'],
  ['Status', 'status'],
  ['Source', 'source'],
  ['Tags', 'tags'],
  ['Notes', 'notes'],
  ['Visibility', 'visibility'],
] as const;

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function csvLine(c: ContactValues, visibility: string): string {
  return [
    c.firstName,
    c.lastName,
    c.email,
    c.phone,
    c.mobile,
    c.company,
    c.jobTitle,
    c.website,
    c.linkedin,
    c.street,
    c.city,
    c.state,
    c.postalCode,
    c.country,
    c.type,
    c.status,
    c.source,
    c.tags.join(', '),
    c.notes,
    visibility,
  ]
    .map(csvCell)
    .join(',');
}

/**
 * The import file: `rows` contacts as an org admin would upload them (staff
 * visibility levels only), written once per (rows, seed) and reused.
 */
export async function contactsCsv(
  dir: string,
  rows: number,
  seed: number,
): Promise<{ path: string; bytes: number }> {
  const path = `${dir}/contacts-${rows}-s${seed}-v${generatorVersion}.csv`;
  if (existsSync(path)) return { path, bytes: statSync(path).size };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const rng = mulberry32(seed);
  let chunk = `${csvColumns.map(([h]) => h).join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    const c = contactValues(rng, i);
    chunk += `${csvLine(c, rng() < 0.7 ? 'organization' : 'individual')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(tmp, path);
  return { path, bytes: statSync(path).size };
}
