import { useState, type FormEvent } from 'react';
import { partnerBody } from '@server/partners/schema';
import { Dialog, FormButtons } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { fieldErrors } from '../../lib/api';
import { validate } from '../../lib/validation';
import { useCreatePartner, useRenamePartner, type Partner } from './api';

/** Add a partner, or rename one (`partner` given). */
export function PartnerNameDialog({
  partner,
  onClose,
}: {
  partner?: Partner;
  onClose: () => void;
}) {
  const create = useCreatePartner();
  const rename = useRenamePartner();
  const mutation = partner ? rename : create;
  const [name, setName] = useState(partner?.name ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validate(partnerBody, { name });
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    const options = { onSuccess: onClose, onError: (e: unknown) => setErrors(fieldErrors(e)) };
    if (partner) rename.mutate({ partner, name: result.data.name }, options);
    else create.mutate(result.data, options);
  }

  return (
    <Dialog
      open
      size="small"
      title={partner ? `Rename ${partner.name}` : 'Add partner'}
      onClose={onClose}
      footer={
        <FormButtons
          form="partner-form"
          submit={partner ? 'Save' : 'Add partner'}
          disabled={mutation.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="partner-form" className="form" onSubmit={submit} noValidate>
        <ErrorNotice error={mutation.error} />
        <Field label="Partner name" required error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </form>
    </Dialog>
  );
}
