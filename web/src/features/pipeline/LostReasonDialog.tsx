import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';

/** Asked when a deal is dropped on a lost stage; the reason is kept on the deal. */
export function LostReasonDialog({
  dealTitle,
  stageName,
  onConfirm,
  onClose,
}: {
  dealTitle: string;
  stageName: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <Dialog
      open
      size="small"
      title={`Why was “${dealTitle}” lost?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="lost-reason-form" className="btn btn-danger">
            Move to {stageName}
          </button>
        </>
      }
    >
      <form
        id="lost-reason-form"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason.trim());
        }}
      >
        <Field label="Lost reason" hint="Price, timing, competition… Patterns show over time.">
          {(props) => (
            <input
              {...props}
              autoFocus
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
