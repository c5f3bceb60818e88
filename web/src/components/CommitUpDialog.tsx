import { useState } from 'react';
import { isStale } from '../lib/api';
import { commitTargets, visibilityLabel, type Visibility } from '../lib/visibility';
import { Dialog } from './Dialog';
import { ErrorNotice, Notice } from './Notice';

type Props = {
  /** 'contact' or 'deal': the word the dialog uses for the record. */
  noun: string;
  name: string;
  record: { partnerId: string | null; visibility: Visibility };
  pending: boolean;
  error: unknown;
  onCommit: (target: Visibility) => void;
  onClose: () => void;
};

/** Commit-up: raise a record's visibility, after a confirmation that says it is permanent. */
export function CommitUpDialog({ noun, name, record, pending, error, onCommit, onClose }: Props) {
  const targets = commitTargets(record);
  const [target, setTarget] = useState<Visibility | undefined>(targets[0]);
  const current = visibilityLabel(record.visibility);

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
            disabled={!target || pending}
            onClick={() => target && onCommit(target)}
          >
            {target ? `Commit to ${visibilityLabel(target).label}` : 'Commit'}
          </button>
        </>
      }
    >
      {isStale(error) ? (
        <Notice tone="warning">
          This {noun} was changed by someone else. Close this dialog to see the latest version, then
          try again.
        </Notice>
      ) : (
        <ErrorNotice error={error} />
      )}
      <p>
        {name} is visible at the <strong>{current.label}</strong> level:{' '}
        {current.description.toLowerCase()}.
      </p>
      <fieldset className="radio-group">
        <legend>Make it visible to</legend>
        {targets.map((v) => {
          const o = visibilityLabel(v);
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
        <strong>This is permanent.</strong> Once committed up, a {noun} can never be moved back down
        to a lower visibility.
      </Notice>
    </Dialog>
  );
}
