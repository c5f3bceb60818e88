import type { CustomFieldRow } from '../custom-fields/repo.js';
import { AppError, type FieldError } from '../shared/errors.js';
import { suggestColumns, type SingleTarget } from './columns.js';
import { maxCells, quote } from './csv.js';
import type { ColumnMapping } from './mapping-schema.js';

/** The columns of the file each target reads (indexes into a row): what rowToContact reads. */
export type ColumnMap = {
  fields: Partial<Record<SingleTarget, number>>;
  /** Several columns may hold tags: their tags are merged. */
  tags: number[];
  custom: { key: string; index: number; def: CustomFieldRow }[];
};

/** A header wider than maxCells refuses the file (422). */
export function assertHeaderWidth(header: readonly string[]): void {
  if (header.length > maxCells) {
    throw new AppError(
      'validation',
      `The file's header has ${header.length} columns; at most ${maxCells} are allowed`,
    );
  }
}

const isCustom = (target: string) => target.startsWith('custom:');

/**
 * A file's columns → the map the row validator reads, from a mapping
 * (header → target, null to skip; a column it does not name is skipped).
 * 422 naming the column (`mapping.<header>`) when the file lacks the header
 * or has it twice (a mapping cannot tell such columns apart), when two
 * columns fill one single-valued target, or when a custom field does not
 * exist (`customFieldDefs` null: the plan has none); 422 on `mapping` without a name (first and last name, or full
 * name) and an e-mail.
 */
export function resolveMapping(
  header: readonly string[],
  mapping: ColumnMapping,
  customFieldDefs: readonly CustomFieldRow[] | null,
): ColumnMap {
  assertHeaderWidth(header);
  const positions = new Map<string, number[]>();
  header.forEach((cell, index) => positions.set(cell, [...(positions.get(cell) ?? []), index]));
  const defs = new Map((customFieldDefs ?? []).map((d) => [d.key, d]));
  const map: ColumnMap = { fields: {}, tags: [], custom: [] };
  const takenBy = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const [name, target] of Object.entries(mapping)) {
    const fail = (message: string) => errors.push({ path: `mapping.${name}`, message });
    const at = positions.get(name);
    if (!at) {
      fail(`the file has no column ${quote(name)}`);
      continue;
    }
    if (at.length > 1) {
      fail(`the file has ${at.length} columns named ${quote(name)}: rename them to map them`);
      continue;
    }
    const index = at[0]!;
    if (target === null) continue;
    if (target === 'tags') {
      map.tags.push(index);
      continue;
    }
    const other = takenBy.get(target);
    if (other !== undefined) {
      fail(`${target} is already mapped from the column ${quote(other)}`);
      continue;
    }
    if (isCustom(target)) {
      const key = target.slice('custom:'.length);
      const def = defs.get(key);
      if (!def) {
        fail(
          customFieldDefs
            ? `${quote(key)} is not a custom field of this organization`
            : 'custom fields are not included in your plan',
        );
        continue;
      }
      map.custom.push({ key, index, def });
    } else {
      map.fields[target as SingleTarget] = index;
    }
    takenBy.set(target, name);
  }
  map.tags.sort((a, b) => a - b);
  // What is missing is only told once the columns named are right (one of them may be it).
  if (errors.length === 0) {
    for (const m of missingTargets(map)) {
      errors.push({ path: 'mapping', message: `no column is mapped to ${m}` });
    }
  }
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new AppError('validation', `${first.path}: ${first.message}`, { errors });
  }
  return map;
}

/** The targets every import needs that a map leaves out. */
function missingTargets(map: ColumnMap): string[] {
  const { fields } = map;
  const hasName = fields.fullName !== undefined;
  const missing: string[] = [];
  if (fields.firstName === undefined && !hasName) missing.push('firstName (or fullName)');
  if (fields.lastName === undefined && !hasName) missing.push('lastName (or fullName)');
  if (fields.email === undefined) missing.push('email');
  return missing;
}

/** Suggestions as a column map (the import without a mapping). */
function suggestedMap(suggestions: readonly (string | null)[], defs: readonly CustomFieldRow[]) {
  const map: ColumnMap = { fields: {}, tags: [], custom: [] };
  suggestions.forEach((target, index) => {
    if (target === null) return;
    if (target === 'tags') map.tags.push(index);
    else if (isCustom(target)) {
      const key = target.slice('custom:'.length);
      map.custom.push({ key, index, def: defs.find((d) => d.key === key)! });
    } else map.fields[target as SingleTarget] = index;
  });
  return map;
}

/**
 * The import without a mapping: the suggestions are the mapping. 422 without
 * the required columns, naming what was found.
 */
export function mapHeader(
  header: readonly string[],
  sampleRows: readonly string[][] = [],
  customFieldDefs: readonly CustomFieldRow[] = [],
): ColumnMap {
  assertHeaderWidth(header);
  const map = suggestedMap(suggestColumns(header, sampleRows, customFieldDefs), customFieldDefs);
  const fields = map.fields;
  const missing: string[] = [];
  const hasName = fields.fullName !== undefined;
  if (fields.firstName === undefined && !hasName) missing.push('First Name');
  if (fields.lastName === undefined && !hasName) missing.push('Last Name');
  if (fields.email === undefined) missing.push('Email');
  if (missing.length > 0) {
    throw new AppError(
      'validation',
      `The CSV header has no column for ${missing.join(', ')} (found: ${header.length > 0 ? quote(header.join(', ')) : 'nothing'})`,
      { errors: missing.map((m) => ({ path: 'header', message: `missing column ${m}` })) },
    );
  }
  return map;
}
