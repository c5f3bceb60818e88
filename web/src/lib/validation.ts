import type { z } from 'zod';

/** A friendlier wording for the few generic messages people meet most. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) {
    return 'Required';
  }
  if (issue.code === 'invalid_format' && issue.format === 'email') {
    return 'Enter a valid e-mail address';
  }
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'Enter a full URL';
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `At most ${String(issue.maximum)} characters`;
  }
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/**
 * Validates form values against a server schema; returns the first message per
 * field (by the issue's top-level path), or null when the values pass.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    if (!(key in errors)) errors[key] = messageOf(issue);
  }
  return { ok: false, errors };
}
