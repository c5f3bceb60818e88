import { useState, type FormEvent } from 'react';
import { createCustomerBody } from '@server/customers/schema';
import { Dialog, FormButtons } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { fieldErrors } from '../../lib/api';
import { validate } from '../../lib/validation';
import { useCreateCustomer } from './api';

export function CustomerDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateCustomer();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validate(createCustomerBody, { name, email: email.trim() || undefined });
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    create.mutate(result.data, { onSuccess: onClose, onError: (e) => setErrors(fieldErrors(e)) });
  }

  return (
    <Dialog
      open
      size="small"
      title="Add customer"
      onClose={onClose}
      footer={
        <FormButtons
          form="customer-form"
          submit={'Add customer'}
          disabled={create.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="customer-form" className="form" onSubmit={submit} noValidate>
        <ErrorNotice error={create.error} />
        <Field label="Name" required error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Billing e-mail" error={errors.email}>
          {(p) => (
            <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
