import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatDate } from '../../lib/format';
import { useStartPasswordReset, type User } from './api';

/**
 * Starts a password reset for `user` and shows the token once, with a copy
 * button: the admin hands it over, and the user sets a new password at
 * /reset-password.
 */
export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const start = useStartPasswordReset();
  const [copied, setCopied] = useState(false);
  const reset = start.data;

  async function copy() {
    if (!reset) return;
    await navigator.clipboard.writeText(reset.token);
    setCopied(true);
  }

  return (
    <Dialog
      open
      title={`Reset password for ${user.name}`}
      onClose={onClose}
      footer={
        reset ? (
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={start.isPending}
              onClick={() => start.mutate(user)}
            >
              Create reset token
            </button>
          </>
        )
      }
    >
      <ErrorNotice error={start.error} />
      {reset ? (
        <div className="form">
          <Notice tone="success">
            Give this token to {user.name}. It is shown only now, works once, and expires{' '}
            {formatDate(reset.expiresAt)}. They enter it at <strong>/reset-password</strong>; all
            their sessions and API tokens end when they use it.
          </Notice>
          <Field label="Reset token">
            {(p) => (
              <input
                {...p}
                readOnly
                value={reset.token}
                data-autofocus
                onFocus={(e) => e.target.select()}
              />
            )}
          </Field>
          <button type="button" className="btn" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy token'}
          </button>
        </div>
      ) : (
        <p>
          This creates a single-use token, valid for 24 hours, with which {user.name} sets a new
          password. You never see or choose their password. Any earlier reset token for them stops
          working.
        </p>
      )}
    </Dialog>
  );
}
