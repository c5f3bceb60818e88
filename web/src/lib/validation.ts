import type { z } from 'zod';
import { fieldErrors } from './api';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A friendlier wording for the generic messages people meet most. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) {
    return 'Required';
  }
  // Zod leaves the input out of issues; its message names what it received.
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'Required';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a number';
  if (issue.code === 'invalid_format' && issue.format === 'email') {
    return 'Enter a valid e-mail address';
  }
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'Enter a full URL';
  // An id comes from a list the form offers; an empty or broken one means nothing was chosen.
  if (issue.code === 'invalid_format' && issue.format === 'uuid') return 'Choose one from the list';
  if (issue.code === 'invalid_value') return 'Choose one of the options';
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `At most ${String(issue.maximum)} characters`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number' && issue.message.startsWith('Too')) {
    return `At least ${String(issue.minimum)}`;
  }
  if (issue.code === 'too_big' && issue.origin === 'number' && issue.message.startsWith('Too')) {
    return `At most ${String(issue.maximum)}`;
  }
  return capitalize(issue.message);
}

/** The same wording for a message the API sent back (Zod's English, or the schema's own text). */
export function humanMessage(text: string): string {
  if (/^invalid uuid/i.test(text)) return 'Choose one from the list';
  if (/^invalid input: expected number/i.test(text)) return 'Enter a number';
  if (/^invalid input: expected \w+, received undefined/i.test(text)) return 'Required';
  if (/^invalid (option|input): expected one of/i.test(text)) return 'Choose one of the options';
  if (/^invalid email/i.test(text)) return 'Enter a valid e-mail address';
  const atMost = /^too big: expected string to have <=(\d+)/i.exec(text);
  if (atMost) return `At most ${atMost[1]} characters`;
  const least = /^too small: expected number to be >=(-?[\d.]+)/i.exec(text);
  if (least) return `At least ${least[1]}`;
  const most = /^too big: expected number to be <=(-?[\d.]+)/i.exec(text);
  if (most) return `At most ${most[1]}`;
  return capitalize(text);
}

/** Per-field wording that says what to do ("Choose a contact"), over the generic one. */
export type FieldMessages = Record<string, string>;

/**
 * Validates form values against a server schema; returns the first message per
 * field (by the issue's path), or null when the values pass.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
  messages: FieldMessages = {},
): { ok: true; data: z.output<S> } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    if (!(key in errors)) errors[key] = messages[key] ?? messageOf(issue);
  }
  return { ok: false, errors };
}

/** The field errors of a problem+json answer, in the wording `validate` uses. */
export function problemFieldErrors(error: unknown, messages: FieldMessages = {}) {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(fieldErrors(error))) {
    out[key] = messages[key] ?? humanMessage(text);
  }
  return out;
}
