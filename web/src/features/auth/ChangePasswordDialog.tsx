import { useState, type FormEvent } from 'react';
import { changePasswordBody } from '@server/auth/schema';
import { Dialog, FormButtons } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { fieldErrors } from '../../lib/api';
import { validate } from '../../lib/validation';
import { useChangePassword } from './api';

/** The signed-in user changes their own password (their other sessions end). */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const change = useChangePassword();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const { confirm, ...input } = values;
    const result = validate(changePasswordBody, input);
    if (!result.ok) return setErrors(result.errors);
    if (input.newPassword !== confirm) return setErrors({ confirm: 'The passwords differ' });
    setErrors({});
    change.mutate(result.data, { onError: (e) => setErrors(fieldErrors(e)) });
  }

  return (
    <Dialog
      open
      title="Change password"
      onClose={onClose}
      footer={
        change.isSuccess ? (
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <FormButtons
            form="change-password-form"
            submit={'Change password'}
            disabled={change.isPending}
            onCancel={onClose}
          />
        )
      }
    >
      {change.isSuccess ? (
        <Notice tone="success">
          Your password is changed. Your other sessions and your API tokens have ended.
        </Notice>
      ) : (
        <form id="change-password-form" className="form" onSubmit={submit} noValidate>
          {/* An error about one field shows at that field, not twice. */}
          <ErrorNotice error={Object.keys(errors).length ? null : change.error} />
          <Field label="Current password" required error={errors.currentPassword}>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="current-password"
                value={values.currentPassword}
                onChange={(e) => set('currentPassword')(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="New password"
            required
            error={errors.newPassword}
            hint="At least 8 characters."
          >
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={values.newPassword}
                onChange={(e) => set('newPassword')(e.target.value)}
              />
            )}
          </Field>
          <Field label="Repeat the new password" required error={errors.confirm}>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={values.confirm}
                onChange={(e) => set('confirm')(e.target.value)}
              />
            )}
          </Field>
        </form>
      )}
    </Dialog>
  );
}
