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
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const reset = start.data;

  async function copy() {
    if (!reset) return;
    try {
      // No clipboard without a secure context, or when the browser refuses it.
      await navigator.clipboard.writeText(reset.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
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
            <span>
              Give this token to {user.name}. It is shown only now, works once, and expires{' '}
              {formatDate(reset.expiresAt)}. They enter it at <strong>/reset-password</strong>; all
              their sessions and API tokens end when they use it.
            </span>
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
          <div>
            <button type="button" className="btn" onClick={() => void copy()}>
              {copied === 'yes' ? 'Copied' : 'Copy token'}
            </button>
            {copied === 'failed' && (
              <p className="field-error" role="alert">
                The browser did not allow copying; select the token and copy it yourself.
              </p>
            )}
          </div>
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
