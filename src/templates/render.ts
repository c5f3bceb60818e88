// Template variables: parsing, lint and rendering. Pure functions, no I/O.
// Rendering is plain text substitution: nothing in a template is evaluated,
// and names are looked up in Maps, so no prototype key is ever reachable.

export type VariableName =
  | 'first_name'
  | 'last_name'
  | 'full_name'
  | 'email'
  | 'phone'
  | 'company_name'
  | 'job_title'
  | 'deal_title'
  | 'deal_amount'
  | 'deal_stage';

export type VariableInfo = {
  name: string;
  source: 'contact' | 'deal';
  example: string;
  aliasOf?: VariableName;
};

/** The catalog, with the training manual's examples (lesson 8); aliases come last. */
export const variableCatalog: readonly VariableInfo[] = [
  { name: 'first_name', source: 'contact', example: 'Sarah' },
  { name: 'last_name', source: 'contact', example: 'Mitchell' },
  { name: 'full_name', source: 'contact', example: 'Sarah Mitchell' },
  { name: 'email', source: 'contact', example: 'sarah@acme.com' },
  { name: 'phone', source: 'contact', example: '(555) 234-5678' },
  { name: 'company_name', source: 'contact', example: 'Acme Corporation' },
  { name: 'job_title', source: 'contact', example: 'VP of Operations' },
  { name: 'deal_title', source: 'deal', example: 'Enterprise Platform' },
  { name: 'deal_amount', source: 'deal', example: '$120,000' },
  { name: 'deal_stage', source: 'deal', example: 'Negotiation' },
  { name: 'company', source: 'contact', example: 'Acme Corporation', aliasOf: 'company_name' },
  { name: 'deal_name', source: 'deal', example: 'Enterprise Platform', aliasOf: 'deal_title' },
];

/** Every accepted name (variables and aliases) → the variable it stands for. */
const canonical: ReadonlyMap<string, VariableName> = new Map(
  variableCatalog.map((v) => [v.name, v.aliasOf ?? (v.name as VariableName)]),
);

export const resolveVariable = (name: string): VariableName | undefined => canonical.get(name);

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; fallback: string | null; raw: string };

export type LintIssue = { message: string; line: number; column: number };

export type Parsed = { segments: Segment[]; issues: LintIssue[] };

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** A hint for a near miss: the same name in another case, or with spaces for underscores. */
function suggestion(name: string): string {
  const guess = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return canonical.has(guess) ? ` (did you mean {{${guess}}}?)` : '';
}

/**
 * Splits a template into text and `{{name}}` / `{{ name | fallback }}` tokens and
 * reports what would not render: unknown names, empty or malformed tokens, an
 * unclosed `{{` and a stray `}}`.
 */
export function parseTemplate(text: string): Parsed {
  const segments: Segment[] = [];
  const issues: LintIssue[] = [];
  const issue = (index: number, message: string) => {
    const at = position(text, index);
    issues.push({ message: `${message} at line ${at.line}, column ${at.column}`, ...at });
  };
  const pushText = (chunk: string, offset: number) => {
    if (chunk === '') return;
    const stray = chunk.indexOf('}}');
    if (stray !== -1) issue(offset + stray, '"}}" without a matching "{{"');
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') last.text += chunk;
    else segments.push({ kind: 'text', text: chunk });
  };

  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    if (open === -1) {
      pushText(text.slice(cursor), cursor);
      break;
    }
    pushText(text.slice(cursor, open), cursor);
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close && text[open + 2] !== '{')) {
      issue(open, 'unclosed "{{" (every variable ends with "}}")');
      pushText(text.slice(open, close === -1 ? text.length : nextOpen), open);
      cursor = close === -1 ? text.length : nextOpen;
      continue;
    }
    const raw = text.slice(open, close + 2);
    const inner = text.slice(open + 2, close);
    const bar = inner.indexOf('|');
    const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar === -1 ? null : inner.slice(bar + 1).trim();
    if (name === '') {
      issue(open, `empty variable ${raw}`);
    } else if (!namePattern.test(name)) {
      issue(open, `invalid variable ${raw}${suggestion(name)}`);
    } else if (!canonical.has(name)) {
      issue(open, `unknown variable {{${name}}}${suggestion(name)}`);
    }
    segments.push({ kind: 'variable', name, fallback, raw });
    cursor = close + 2;
  }
  return { segments, issues };
}

/** The distinct variable names a template uses, in order of first use. */
export function variablesOf(text: string): string[] {
  const names = new Set<string>();
  for (const s of parseTemplate(text).segments) if (s.kind === 'variable') names.add(s.name);
  return [...names];
}

/** The values a render draws on; null or blank means "no value". */
export type RenderData = {
  contact?: {
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
    company: string | null;
    jobTitle: string | null;
  } | null;
  deal?: { title: string; amount: string; currency: string; stageName: string | null } | null;
};

/**
 * `$120,000` for USD 120000.00, `$1,234.50` when there are cents, `€` for EUR,
 * `¥` for JPY…; an unknown or malformed currency code never throws.
 */
export function formatAmount(amount: string, currency: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`.trim();
  const whole = Number.isInteger(value);
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: currency.trim().toUpperCase(),
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    }).format(value);
  } catch {
    const plain = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(value);
    return `${plain} ${currency}`.trim();
  }
}

/** The value of every variable for this data (a Map: no inherited keys). */
export function valuesFor(data: RenderData): Map<VariableName, string> {
  const values = new Map<VariableName, string>();
  const put = (name: VariableName, value: string | null | undefined) => {
    const text = (value ?? '').trim();
    if (text !== '') values.set(name, text);
  };
  const c = data.contact;
  if (c) {
    put('first_name', c.firstName);
    put('last_name', c.lastName);
    put('full_name', [c.firstName, c.lastName].map((v) => (v ?? '').trim()).join(' '));
    put('email', c.email);
    put('phone', c.phone);
    put('company_name', c.company);
    put('job_title', c.jobTitle);
  }
  const d = data.deal;
  if (d) {
    put('deal_title', d.title);
    put('deal_amount', formatAmount(d.amount, d.currency));
    put('deal_stage', d.stageName);
  }
  return values;
}

/**
 * Substitutes values into a template. A variable with no value takes its
 * fallback, or renders empty and is reported in `missing` (as written).
 */
export function renderTemplate(
  text: string,
  values: ReadonlyMap<VariableName, string>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  let out = '';
  for (const s of parseTemplate(text).segments) {
    if (s.kind === 'text') {
      out += s.text;
      continue;
    }
    const name = resolveVariable(s.name);
    const value = name === undefined ? undefined : values.get(name);
    if (value !== undefined) out += value;
    else if (s.fallback !== null) out += s.fallback;
    else missing.add(s.name);
  }
  return { text: out, missing: [...missing] };
}
