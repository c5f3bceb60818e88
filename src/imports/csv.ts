import { z } from 'zod';
import { contactStatuses, contactTypes, visibilities } from '../contacts/schema.js';
import {
  contactFieldNames,
  contactFields,
  contactTextLimits,
  type ContactFieldName,
  type OptionalTextFieldName,
} from '../contacts/fields.js';
import type { ContactStatus, ContactType, Visibility } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { isStorable } from '../shared/schemas.js';

/** The contact fields a CSV column can fill, in export order: the contact's own fields, then its visibility. */
export const csvFields = [...contactFieldNames, 'visibility'] as const;
export type CsvField = ContactFieldName | 'visibility';

/** The export's header names: the import recognizes each of them. */
export const exportHeaders = {
  ...(Object.fromEntries(contactFieldNames.map((f) => [f, contactFields[f].header])) as Record<
    ContactFieldName,
    string
  >),
  visibility: 'Visibility',
} satisfies Record<CsvField, string>;

/**
 * Header aliases of common CRM exports (Google Contacts, Outlook, HubSpot,
 * Salesforce…), compared after normalizeHeader. `fullName` is split into
 * first and last name when the file has no separate columns.
 */
const aliases: Record<CsvField | 'fullName', string[]> = {
  firstName: ['first name', 'firstname', 'given name', 'first', 'forename'],
  lastName: ['last name', 'lastname', 'family name', 'surname', 'last'],
  fullName: ['name', 'full name', 'display name', 'contact name'],
  email: [
    'email',
    'e-mail',
    'email address',
    'e-mail address',
    'e-mail 1 - value',
    'email 1',
    'primary email',
    'work email',
    'business email',
  ],
  phone: [
    'phone',
    'phone number',
    'business phone',
    'work phone',
    'phone 1 - value',
    'primary phone',
    'telephone',
    'office phone',
  ],
  mobile: [
    'mobile',
    'mobile phone',
    'mobile phone number',
    'cell',
    'cell phone',
    'phone 2 - value',
  ],
  company: [
    'company',
    'company name',
    'organization',
    'organization name',
    'organization 1 - name',
    'account name',
    'account',
  ],
  jobTitle: ['job title', 'title', 'position', 'organization 1 - title', 'role'],
  website: ['website', 'web site', 'web page', 'website url', 'url', 'website 1 - value'],
  linkedin: ['linkedin', 'linkedin url', 'linkedin profile', 'linkedin bio'],
  street: [
    'street',
    'address',
    'street address',
    'mailing street',
    'business street',
    'address 1 - street',
  ],
  city: ['city', 'mailing city', 'business city', 'address 1 - city', 'town'],
  state: [
    'state',
    'state/province',
    'province',
    'region',
    'mailing state',
    'mailing state/province',
    'business state',
    'address 1 - region',
  ],
  postalCode: [
    'postal code',
    'zip',
    'zip code',
    'postcode',
    'mailing zip',
    'mailing zip/postal code',
    'mailing postal code',
    'business postal code',
    'address 1 - postal code',
  ],
  country: [
    'country',
    'country/region',
    'mailing country',
    'business country',
    'business country/region',
    'address 1 - country',
  ],
  type: ['type', 'contact type'],
  status: ['status', 'contact status'],
  source: ['source', 'lead source', 'original source'],
  tags: ['tags', 'tag', 'labels', 'categories', 'group membership'],
  notes: ['notes', 'note', 'description', 'comments'],
  visibility: ['visibility'],
};

/** Case-, space-, underscore- and punctuation-insensitive: 'E-mail_Address' → 'emailaddress'. */
export const normalizeHeader = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Normalized header → field and priority (the position in the alias list: lower wins). */
const aliasIndex = new Map<string, { field: CsvField | 'fullName'; rank: number }>();
for (const [field, names] of Object.entries(aliases) as [CsvField | 'fullName', string[]][]) {
  names.forEach((name, rank) => aliasIndex.set(normalizeHeader(name), { field, rank }));
}
for (const field of csvFields) {
  aliasIndex.set(normalizeHeader(exportHeaders[field]), { field, rank: 0 });
}

export type ColumnMap = Partial<Record<CsvField | 'fullName', number>>;

/**
 * Maps header cells to fields: when several columns fit one field, the most
 * specific name wins (Outlook's 'Job Title' over its honorific 'Title'), then
 * the first. 422 without the required columns.
 */
export function mapHeader(header: string[]): ColumnMap {
  const map: ColumnMap = {};
  const ranks: Partial<Record<CsvField | 'fullName', number>> = {};
  header.forEach((cell, index) => {
    const hit = aliasIndex.get(normalizeHeader(cell));
    if (!hit) return;
    const best = ranks[hit.field];
    if (best === undefined || hit.rank < best) {
      map[hit.field] = index;
      ranks[hit.field] = hit.rank;
    }
  });
  if (header.length > maxCells) {
    throw new AppError(
      'validation',
      `The CSV header has ${header.length} columns; at most ${maxCells} are allowed`,
    );
  }
  const missing: string[] = [];
  const hasName = map.fullName !== undefined;
  if (map.firstName === undefined && !hasName) missing.push('First Name');
  if (map.lastName === undefined && !hasName) missing.push('Last Name');
  if (map.email === undefined) missing.push('Email');
  if (missing.length > 0) {
    throw new AppError(
      'validation',
      `The CSV header has no column for ${missing.join(', ')} (found: ${header.length > 0 ? quote(header.join(', ')) : 'nothing'})`,
      { errors: missing.map((m) => ({ path: 'header', message: `missing column ${m}` })) },
    );
  }
  return map;
}

/** The most cells a row may have; a wider header refuses the file (422). */
export const maxCells = 1000;

/** The first characters that make a spreadsheet read a cell as a formula. */
export const formulaStarts: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];
const startsFormula = (value: string, at = 0) => formulaStarts.includes(value.charAt(at));

/** Export: a cell that a spreadsheet would run as a formula gets a leading '. */
export const neutralize = (value: string) => (startsFormula(value) ? `'${value}` : value);

/** Import: removes the ' that neutralize added, and only that one. */
export const unneutralize = (value: string) =>
  value.startsWith("'") && startsFormula(value, 1) ? value.slice(1) : value;

/** A validated CSV row, ready to write. Absent cells are undefined. */
/** A valid CSV row: the contact's fields as the import writes them (absent = empty cell). */
export type ContactValues = { firstName: string; lastName: string; email: string } & {
  [K in OptionalTextFieldName]?: string;
} & { type?: ContactType; status?: ContactStatus; tags?: string[]; visibility?: Visibility };

const maxLength: Partial<Record<CsvField, number>> = {
  ...contactTextLimits,
  // Checked before the value is parsed, so validation never works on (or echoes) a long cell.
  type: 50,
  status: 50,
  visibility: 50,
  tags: 3000,
};

const emailPattern = z.regexes.email;
const labelToValue = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function choice<T extends string>(raw: string, allowed: readonly T[], what: string): T {
  const value = labelToValue(raw);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${what} ${quote(raw)} is not one of ${allowed.join(', ')}`);
}

/** The most characters of a file's input that any message quotes. */
export const maxQuoted = 80;

/**
 * Input as a message quotes it: at most maxQuoted characters, in double
 * quotes, with an ellipsis when cut. Every message that echoes the file's
 * content goes through here, so a crafted cell cannot grow the error report.
 */
export function quote(value: string): string {
  const cut = value.length > maxQuoted;
  return `"${cut ? value.slice(0, maxQuoted) : value}${cut ? '…' : ''}"`;
}

/** Splits a tags cell on commas, semicolons or Google's ' ::: '; drops Google's system groups. */
export function splitTags(cell: string): string[] {
  const tags = cell
    .split(/:::|[,;]/)
    .map((t) => t.trim())
    .filter((t) => t !== '' && !t.startsWith('* '));
  return [...new Set(tags)];
}

/** Blank cells (or rows made of blanks only): the row is ignored, not an error. */
export const isBlankRow = (cells: string[]) => cells.every((c) => c.trim() === '');

/** Validates one data row; throws an Error whose message is reported for the row. */
export function rowToContact(cells: string[], map: ColumnMap): ContactValues {
  if (cells.length > maxCells) {
    throw new Error(`the row has ${cells.length} cells; at most ${maxCells} are read`);
  }
  const mapped = Object.values(map).map((index) => cells[index] ?? '');
  if (mapped.some((c) => !isStorable(c))) {
    throw new Error('a cell holds a NUL character or a broken (unpaired) UTF-16 character');
  }
  const cell = (field: CsvField | 'fullName'): string | undefined => {
    const index = map[field];
    if (index === undefined) return undefined;
    const value = unneutralize(cells[index] ?? '').trim();
    return value === '' ? undefined : value;
  };
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of csvFields) {
    const value = cell(field);
    if (value === undefined) continue;
    const max = maxLength[field];
    if (max !== undefined && value.length > max) {
      problems.push(`${field} is longer than ${max} characters`);
      continue;
    }
    try {
      if (field === 'type') out.type = choice(value, contactTypes, 'type');
      else if (field === 'status') out.status = choice(value, contactStatuses, 'status');
      else if (field === 'visibility') out.visibility = choice(value, visibilities, 'visibility');
      else if (field === 'tags') {
        const tags = splitTags(value);
        if (tags.length > 50) throw new Error('more than 50 tags');
        if (tags.some((t) => t.length > 50)) throw new Error('a tag is longer than 50 characters');
        if (tags.length > 0) out.tags = tags;
      } else out[field] = value;
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const full = cell('fullName');
  if (full && full.length > 201) problems.push('name is longer than 201 characters');
  else if (full && out.firstName === undefined && out.lastName === undefined) {
    const space = full.lastIndexOf(' ');
    if (space > 0) {
      out.firstName = full.slice(0, space).trim();
      out.lastName = full.slice(space + 1);
    }
  }
  if (out.firstName === undefined) problems.push('first name is missing');
  if (out.lastName === undefined) problems.push('last name is missing');
  if (out.email === undefined) problems.push('e-mail is missing');
  else if (!emailPattern.test(out.email as string))
    problems.push(`${quote(out.email as string)} is not a valid e-mail address`);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return out as ContactValues;
}
