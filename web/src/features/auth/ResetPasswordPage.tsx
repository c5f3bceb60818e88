import { useState, type FormEvent } from 'react';
import { Link, useSearch } from 'wouter';
import { completeResetBody } from '@server/auth/schema';
import { Field } from '../../components/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { fieldErrors } from '../../lib/api';
import { validate } from '../../lib/validation';
import { AuthCard } from './AuthCard';
import { useCompleteReset } from './api';

/** Sets a new password with the reset token an org admin handed over. */
export function ResetPasswordPage() {
  const reset = useCompleteReset();
  const search = useSearch();
  const [token, setToken] = useState(() => new URLSearchParams(search).get('token') ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validate(completeResetBody, { token: token.trim(), password });
    if (!result.ok) return setErrors(result.errors);
    if (password !== confirm) return setErrors({ confirm: 'The passwords differ' });
    setErrors({});
    reset.mutate(result.data, { onError: (e) => setErrors(fieldErrors(e)) });
  }

  return (
    <AuthCard
      title="Reset your password"
      subtitle="Enter the reset token your administrator gave you and choose a new password."
      footer={<Link href="/sign-in">Back to sign in</Link>}
    >
      {reset.isSuccess ? (
        <Notice tone="success">
          <span>
            Your password is set, and every earlier session has ended.{' '}
            <Link href="/sign-in">Sign in</Link> with the new password.
          </span>
        </Notice>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {/* An error about one field shows at that field, not twice. */}
          <ErrorNotice error={Object.keys(errors).length ? null : reset.error} />
          <Field label="Reset token" required error={errors.token}>
            {(props) => (
              <input
                {...props}
                autoComplete="off"
                required
                autoFocus
                value={token}
                onChange={(e) => setToken(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="New password"
            required
            error={errors.password}
            hint="At least 8 characters."
          >
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <Field label="Repeat the new password" required error={errors.confirm}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="new-password"
                required
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
              />
            )}
          </Field>
          <button
            type="submit"
            className="btn btn-primary btn-block"
            disabled={reset.isPending || !token || !password}
          >
            {reset.isPending ? 'Setting…' : 'Set new password'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
