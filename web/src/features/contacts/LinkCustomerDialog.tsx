import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { useCustomerChoices, useLinkCustomer, type Contact } from './api';

/** Link the contact to a platform customer (billing), or unlink it. */
export function LinkCustomerDialog({
  contact,
  onClose,
}: {
  contact: Contact;
  onClose: () => void;
}) {
  const customers = useCustomerChoices();
  const link = useLinkCustomer();
  const [customerId, setCustomerId] = useState(contact.customerId ?? '');

  return (
    <Dialog
      open
      size="small"
      title="Link customer"
      onClose={onClose}
      footer={
        <>
          {contact.customerId && (
            <button
              type="button"
              className="btn btn-ghost btn-push-left"
              disabled={link.isPending}
              onClick={() => link.mutate({ contact, customerId: null }, { onSuccess: onClose })}
            >
              Unlink
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!customerId || link.isPending}
            onClick={() => link.mutate({ contact, customerId }, { onSuccess: onClose })}
          >
            Link customer
          </button>
        </>
      }
    >
      <ErrorNotice error={link.error ?? customers.error} />
      <p className="muted">
        Connect this contact to a platform customer record, so sales and billing meet.
      </p>
      <Field label="Customer">
        {(p) => (
          <select {...p} value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
            <option value="">{customers.isPending ? 'Loading…' : 'Choose a customer…'}</option>
            {(customers.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.email ? ` (${c.email})` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      {customers.data?.length === 0 && (
        <p className="muted small">There are no customers yet. Add them on the Customers page.</p>
      )}
    </Dialog>
  );
}
