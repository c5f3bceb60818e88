import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, Notice } from '../../components/Notice';
import { isStale } from '../../lib/api';
import { useCommitContact, type Contact, type Visibility } from './api';
import { commitTargets, labelOf } from './labels';

/** Commit-up: raise the visibility, after a confirmation that says it is permanent. */
export function CommitUpDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const commit = useCommitContact();
  const targets = commitTargets(contact);
  const [target, setTarget] = useState<Visibility | undefined>(targets[0]);
  const current = labelOf.visibility(contact.visibility);

  return (
    <Dialog
      open
      size="small"
      title="Commit up"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!target || commit.isPending}
            onClick={() =>
              target && commit.mutate({ contact, visibility: target }, { onSuccess: onClose })
            }
          >
            {target ? `Commit to ${labelOf.visibility(target).label}` : 'Commit'}
          </button>
        </>
      }
    >
      {isStale(commit.error) ? (
        <Notice tone="warning">
          This contact was changed by someone else. Close this dialog to see the latest version,
          then try again.
        </Notice>
      ) : (
        <ErrorNotice error={commit.error} />
      )}
      <p>
        {contact.firstName} {contact.lastName} is visible at the <strong>{current.label}</strong>{' '}
        level ({current.description.toLowerCase()}).
      </p>
      <fieldset className="radio-group">
        <legend>Make it visible to</legend>
        {targets.map((v) => {
          const o = labelOf.visibility(v);
          return (
            <label key={v} className="radio">
              <input
                type="radio"
                name="commit-target"
                value={v}
                checked={target === v}
                onChange={() => setTarget(v)}
              />
              <span>
                <strong>{o.label}</strong> — {o.description}
              </span>
            </label>
          );
        })}
      </fieldset>
      <Notice tone="warning">
        <strong>This is permanent.</strong> Once committed up, a contact can never be moved back
        down to a lower visibility.
      </Notice>
    </Dialog>
  );
}
