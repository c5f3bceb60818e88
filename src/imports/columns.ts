import type { CustomFieldRow } from '../custom-fields/repo.js';
import { csvFields, exportHeaders } from './csv.js';
import type { StandardTarget } from './mapping-schema.js';

/**
 * Which file column may fill what: the header aliases of other CRMs'
 * exports and the suggestions made from them, and from the values where a
 * header is unknown. mapping.ts turns a mapping into the row validator's map.
 */

/** A target one column at most may fill: every standard target but tags. */
export type SingleTarget = Exclude<StandardTarget, 'tags'>;

/**
 * Header aliases of common exports (Google Contacts old and new, Outlook,
 * HubSpot, Salesforce, Pipedrive, Zoho, Twenty, EspoCRM), compared after
 * normalizeHeader. Earlier names rank higher: when several columns fit one
 * field the best-ranked wins, so a second e-mail or phone column listed
 * last never displaces the primary one. `fullName` is split into first and
 * last name when a row has neither.
 */
const aliases: Record<SingleTarget | 'tags', string[]> = {
  firstName: [
    'first name',
    'firstname',
    'given name',
    'person - first name',
    'name / first name',
    'first',
    'forename',
  ],
  lastName: [
    'last name',
    'lastname',
    'family name',
    'surname',
    'person - last name',
    'name / last name',
    'last',
  ],
  fullName: ['name', 'full name', 'display name', 'contact name', 'person - name', 'person name'],
  email: [
    'email',
    'e-mail',
    'email address',
    'e-mail address',
    'e-mail 1 - value',
    'email 1',
    'primary email',
    'emails / primary email',
    'person - email',
    'person - email - work',
    'work email',
    'business email',
    // Second addresses: only when the file has no primary one.
    'person - email - other',
    'person - email - home',
    'e-mail 2 - value',
    'e-mail 2 address',
    'email 2',
    'secondary email',
    'other email',
  ],
  phone: [
    'phone',
    'phone number',
    'primary phone',
    'phones / primary phone number',
    'business phone',
    'work phone',
    'phone 1 - value',
    'person - phone',
    'person - phone - work',
    'telephone',
    'office phone',
    'home phone',
    'other phone',
  ],
  mobile: [
    'mobile',
    'mobile phone',
    'mobile phone number',
    'cell',
    'cell phone',
    'person - phone - mobile',
    'phone 2 - value',
  ],
  company: [
    'company',
    'company name',
    'organization',
    'organization name',
    'organization 1 - name',
    'organization - name',
    'person - organization',
    'account name',
    'account',
  ],
  jobTitle: [
    'job title',
    'organization title',
    'organization 1 - title',
    'person - job title',
    'designation',
    'title',
    'position',
    'role',
  ],
  website: ['website', 'web site', 'web page', 'website url', 'website 1 - value', 'url'],
  linkedin: ['linkedin', 'linkedin url', 'linkedin profile', 'linkedin / link url', 'linkedin bio'],
  street: [
    'street',
    'street address',
    'mailing street',
    'business street',
    'address street',
    'address 1 - street',
    'mailing address line 1',
    'person - postal address',
    'address',
    'address 1 - formatted',
    'mailing address',
  ],
  city: [
    'city',
    'mailing city',
    'business city',
    'address city',
    'address 1 - city',
    'person - postal address - city',
    'town',
  ],
  state: [
    'state',
    'state/province',
    'state/region',
    'province',
    'mailing state',
    'mailing state/province',
    'business state',
    'address state',
    'address 1 - region',
    'person - postal address - state',
    'region',
  ],
  postalCode: [
    'postal code',
    'zip',
    'zip code',
    'postcode',
    'zip/postal code',
    'mailing zip',
    'mailing zip/postal code',
    'mailing postal code',
    'mailing zip code',
    'business postal code',
    'address postal code',
    'address 1 - postal code',
    'person - postal address - zip code',
  ],
  country: [
    'country',
    'country/region',
    'mailing country',
    'business country',
    'business country/region',
    'address country',
    'address 1 - country',
    'person - postal address - country',
  ],
  type: ['type', 'contact type'],
  status: ['status', 'contact status'],
  source: ['source', 'lead source', 'original source', 'contact source'],
  tags: ['tags', 'tag', 'labels', 'categories', 'group membership', 'person - labels'],
  notes: ['notes', 'note', 'description', 'comments'],
  visibility: ['visibility'],
};

/** Case-, space-, underscore- and punctuation-insensitive: 'E-mail_Address' → 'emailaddress'. */
export const normalizeHeader = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Normalized header → target and rank (the position in the alias list: lower wins). */
const aliasIndex = new Map<string, { target: StandardTarget; rank: number }>();
for (const [target, names] of Object.entries(aliases) as [StandardTarget, string[]][]) {
  names.forEach((name, rank) => aliasIndex.set(normalizeHeader(name), { target, rank }));
}
for (const field of csvFields) {
  aliasIndex.set(normalizeHeader(exportHeaders[field]), { target: field, rank: 0 });
}

/** Values shown per column, and the data rows a suggestion looks at. */
export const samplesPerColumn = 5;
export const sampleRowLimit = 1000;

/**
 * Collects the first `samplesPerColumn` non-empty values of each of the
 * header's columns, row by row; `complete` once every column has them
 * (reading more rows would change no suggestion).
 */
export function sampler(width: number) {
  const samples: string[][] = Array.from({ length: width }, () => []);
  let open = width;
  return {
    samples,
    add(row: readonly string[]) {
      for (let i = 0; i < width && i < row.length; i++) {
        const value = row[i]!.trim();
        const column = samples[i]!;
        if (value === '' || column.length >= samplesPerColumn) continue;
        column.push(value);
        if (column.length === samplesPerColumn) open--;
      }
    },
    complete: () => open === 0,
  };
}

/** The samples of a few rows at once. */
export function columnSamples(width: number, rows: readonly string[][]): string[][] {
  const s = sampler(width);
  for (const row of rows) s.add(row);
  return s.samples;
}

const looksLikeEmail = (v: string) => /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(v);
const looksLikeDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/.test(v) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(v);
/** 7–15 digits with a leading + or a separator: a bare number is more likely an id. */
const looksLikePhone = (v: string) => {
  const digits = v.replace(/\D/g, '').length;
  return /^\+?[\d\s().\-/]+$/.test(v) && digits >= 7 && digits <= 15 && /^\+|[\s().\-/]/.test(v);
};

/** Custom fields a header names by key or label. */
function customByName(defs: readonly CustomFieldRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of defs) {
    for (const name of [def.label, def.key]) {
      const n = normalizeHeader(name);
      if (n !== '' && !out.has(n)) out.set(n, `custom:${def.key}`);
    }
  }
  return out;
}

/**
 * A suggested target per column: a standard target, `custom:<key>` when the
 * header is a custom field's key or label, or null. Where no header fits,
 * the values decide: all e-mails → email, all phones → phone then mobile,
 * all dates → the first custom date field (none: null), each only while the
 * target is free. A single-valued target goes to its best-ranked column
 * (then the first); tags may take several. A header repeated in the file
 * counts once, at its first column.
 */
export function suggestColumns(
  header: readonly string[],
  sampleRows: readonly string[][],
  customFields: readonly CustomFieldRow[],
): (string | null)[] {
  const custom = customByName(customFields);
  const seen = new Set<string>();
  const candidates = header.map((cell) => {
    if (seen.has(cell)) return undefined;
    seen.add(cell);
    const name = normalizeHeader(cell);
    const byCustom = custom.get(name);
    if (byCustom) return { target: byCustom, rank: -1 };
    return aliasIndex.get(name) ?? null;
  });
  const out: (string | null)[] = header.map(() => null);
  const best = new Map<string, { index: number; rank: number }>();
  candidates.forEach((hit, index) => {
    if (!hit) return;
    if (hit.target === 'tags') {
      out[index] = 'tags';
      return;
    }
    const held = best.get(hit.target);
    if (!held || hit.rank < held.rank) best.set(hit.target, { index, rank: hit.rank });
  });
  for (const [target, { index }] of best) out[index] = target;

  const samples = columnSamples(header.length, sampleRows);
  const taken = (target: string) => best.has(target);
  const dateField = customFields.find((d) => d.type === 'date' && !taken(`custom:${d.key}`));
  candidates.forEach((hit, index) => {
    const values = samples[index]!;
    if (hit !== null || values.length === 0) return;
    let target: string | undefined;
    if (values.every(looksLikeEmail)) target = 'email';
    else if (values.every(looksLikeDate)) target = dateField && `custom:${dateField.key}`;
    else if (values.every(looksLikePhone)) target = taken('phone') ? 'mobile' : 'phone';
    if (target && !taken(target)) {
      best.set(target, { index, rank: Infinity });
      out[index] = target;
    }
  });
  return out;
}
