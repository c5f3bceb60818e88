import type { StandardTarget } from '@server/imports/mapping-schema';

/** What a column goes to: a contact field, `custom:<key>`, or null to skip it. */
export type Target = string | null;
/** The file's header → target, as `POST /contacts/import?mapping=` and saved mappings take it. */
export type Mapping = Record<string, Target>;

/** The contact fields a column can fill, in the order the picker lists them. */
export const fieldLabels = {
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name (split)',
  email: 'E-mail',
  phone: 'Phone',
  mobile: 'Mobile',
  company: 'Company',
  jobTitle: 'Job title',
  website: 'Website',
  linkedin: 'LinkedIn',
  street: 'Street',
  city: 'City',
  state: 'State / region',
  postalCode: 'Postal code',
  country: 'Country',
  type: 'Type',
  status: 'Status',
  source: 'Source',
  tags: 'Tags',
  notes: 'Notes',
  visibility: 'Visibility',
} as const satisfies Record<StandardTarget, string>;

/** Fields several columns may fill: the import merges them. */
const multiValued = new Set<Target>(['tags']);

/** A target's name as the picker shows it. */
export function targetLabel(target: Target, customLabels: Map<string, string>): string {
  if (target === null) return 'Skipped';
  if (target.startsWith('custom:')) {
    return customLabels.get(target.slice(7)) ?? target.slice(7);
  }
  return (fieldLabels as Record<string, string>)[target] ?? target;
}

/** The mapping to send: every column by its header (null = skip). */
export function mappingOf(headers: string[], targets: Target[]): Mapping {
  return Object.fromEntries(headers.map((h, i) => [h, targets[i] ?? null]));
}

export type MappingProblems = { missing: string[]; twice: string[] };

/**
 * What the server would refuse, said before any request: a required field
 * unmapped (first and last name, or a full name; e-mail) or a single-valued
 * field picked for two columns.
 */
export function mappingProblems(
  targets: Target[],
  customLabels: Map<string, string> = new Map(),
): MappingProblems {
  const picked = new Set(targets.filter((t) => t !== null));
  const missing: string[] = [];
  const hasName = picked.has('fullName') || (picked.has('firstName') && picked.has('lastName'));
  if (!hasName) {
    if (picked.has('firstName')) missing.push('Last name (or a full name)');
    else if (picked.has('lastName')) missing.push('First name (or a full name)');
    else missing.push('First and last name (or a full name)');
  }
  if (!picked.has('email')) missing.push('E-mail');
  const counts = new Map<string, number>();
  for (const t of targets) if (t !== null) counts.set(t, (counts.get(t) ?? 0) + 1);
  const twice = [...counts]
    .filter(([t, n]) => n > 1 && !multiValued.has(t))
    .map(([t]) => targetLabel(t, customLabels));
  return { missing, twice };
}

/**
 * The saved mapping that fits the file: all its headers are in the file, and
 * of those the one naming the most of them. Null when none fits.
 */
export function bestSavedMapping<T extends { mapping: Mapping }>(
  saved: T[],
  headers: string[],
): T | null {
  const present = new Set(headers);
  let best: T | null = null;
  let bestSize = 0;
  for (const s of saved) {
    const keys = Object.keys(s.mapping);
    if (keys.length === 0 || !keys.every((k) => present.has(k))) continue;
    if (keys.length > bestSize) {
      best = s;
      bestSize = keys.length;
    }
  }
  return best;
}

/** A saved mapping applied to the file's columns; a column it does not name is skipped. */
export const applySaved = (mapping: Mapping, headers: string[]): Target[] =>
  headers.map((h) => mapping[h] ?? null);

/** A custom field key from its label: lowercase letters, digits and _, starting with a letter. */
export function keyFromLabel(label: string): string {
  const key = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 63);
  return key || 'field';
}
