import { useCallback, useEffect, useRef, useState } from 'react';

const valueAt = (values: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : v),
      values,
    );

/**
 * A form's validation messages: shown all at once with focus on the first
 * invalid control (in the form's order), each cleared as soon as its field changes.
 */
export function useFormErrors() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const show = useCallback((next: Record<string, string>) => {
    setErrors(next);
    if (Object.keys(next).length > 0) setFocusRequest((n) => n + 1);
  }, []);

  /** Drops the messages of these fields (and of their parts: `customFields` clears `customFields.x`). */
  const clear = useCallback((...fields: string[]) => {
    setErrors((prev) => {
      const hit = Object.keys(prev).filter((k) =>
        fields.some((f) => k === f || k.startsWith(`${f}.`)),
      );
      if (hit.length === 0) return prev;
      const next = { ...prev };
      for (const k of hit) delete next[k];
      return next;
    });
  }, []);

  /** Drops the messages of the fields whose value differs between two versions of the values. */
  const clearChanged = useCallback((before: unknown, after: unknown) => {
    setErrors((prev) => {
      const stale = Object.keys(prev).filter(
        (k) => JSON.stringify(valueAt(before, k)) !== JSON.stringify(valueAt(after, k)),
      );
      if (stale.length === 0) return prev;
      const next = { ...prev };
      for (const k of stale) delete next[k];
      return next;
    });
  }, []);

  return { formRef, errors, show, clear, clearChanged };
}
