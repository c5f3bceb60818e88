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
import type { CustomFieldRow } from '../custom-fields/repo.js';
import { checkCustomFieldValue } from '../custom-fields/service.js';
import type { SingleTarget } from './columns.js';
import type { ColumnMap } from './mapping.js';
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

/** A valid CSV row: the contact's fields as the import writes them (absent = empty cell). */
export type ContactValues = { firstName: string; lastName: string; email: string } & {
  [K in OptionalTextFieldName]?: string;
} & {
  type?: ContactType;
  status?: ContactStatus;
  tags?: string[];
  visibility?: Visibility;
  /** Custom field values by key, validated against their definitions. */
  customFields?: Record<string, unknown>;
};

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

/**
 * A custom field's cell as its type stores it: numbers and booleans are
 * parsed (true/yes/1, false/no/0), a select option matched without regard
 * to case; anything else stays text, for the field's own check to refuse.
 */
function customValue(def: CustomFieldRow, raw: string): unknown {
  switch (def.type) {
    case 'number': {
      const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw) ? Number(raw) : NaN;
      return Number.isFinite(n) ? n : raw;
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (['true', 'yes', '1', 'y'].includes(v)) return true;
      if (['false', 'no', '0', 'n'].includes(v)) return false;
      return raw;
    }
    case 'select':
      return (def.options ?? []).find((o) => o.toLowerCase() === raw.toLowerCase()) ?? raw;
    default:
      return raw;
  }
}

/** The most characters a custom field's cell may have (a text field's limit). */
const maxCustomChars = 2000;

/** Validates one data row; throws an Error whose message is reported for the row. */
export function rowToContact(cells: string[], map: ColumnMap): ContactValues {
  if (cells.length > maxCells) {
    throw new Error(`the row has ${cells.length} cells; at most ${maxCells} are read`);
  }
  const indexes = [...Object.values(map.fields), ...map.tags, ...map.custom.map((c) => c.index)];
  if (indexes.some((index) => !isStorable(cells[index] ?? ''))) {
    throw new Error('a cell holds a NUL character or a broken (unpaired) UTF-16 character');
  }
  const at = (index: number | undefined): string | undefined => {
    if (index === undefined) return undefined;
    const value = unneutralize(cells[index] ?? '').trim();
    return value === '' ? undefined : value;
  };
  const cell = (field: SingleTarget) => at(map.fields[field]);
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of csvFields) {
    const value = field === 'tags' ? undefined : cell(field);
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
      else out[field] = value;
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const tagCells = map.tags.map(at).filter((v) => v !== undefined);
  if (tagCells.some((v) => v.length > maxLength.tags!)) {
    problems.push(`tags is longer than ${maxLength.tags} characters`);
  } else if (tagCells.length > 0) {
    const tags = [...new Set(tagCells.flatMap(splitTags))];
    if (tags.length > 50) problems.push('more than 50 tags');
    else if (tags.some((t) => t.length > 50)) problems.push('a tag is longer than 50 characters');
    else if (tags.length > 0) out.tags = tags;
  }
  const custom: Record<string, unknown> = {};
  for (const { key, index, def } of map.custom) {
    const raw = at(index);
    if (raw === undefined) continue;
    const value = raw.length > maxCustomChars ? undefined : customValue(def, raw);
    const problem =
      value === undefined
        ? `is longer than ${maxCustomChars} characters`
        : checkCustomFieldValue(def, value);
    if (problem) problems.push(`custom field ${key} ${problem} (${quote(raw)})`);
    else custom[key] = value;
  }
  if (Object.keys(custom).length > 0) out.customFields = custom;
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
