import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { createContactBody, updateContactBody } from '@server/contacts/schema';
import { Dialog, FormButtons } from '../../components/Dialog';
import { ErrorNotice, Notice } from '../../components/Notice';
import { isStale } from '../../lib/api';
import { may, useMe } from '../../lib/session';
import { useFormErrors } from '../../lib/useFormErrors';
import { problemFieldErrors, validate } from '../../lib/validation';
import { creatableVisibilities } from '../../lib/visibility';
import {
  useContact,
  useCreateContact,
  useCrmSettings,
  useCustomFields,
  useUpdateContact,
  type Contact,
} from './api';
import { ContactForm } from './ContactForm';
import {
  emptyValues,
  formErrorKey,
  toCreateBody,
  toUpdateBody,
  valuesFromContact,
  type ContactFormValues,
} from './formValues';

function keyed(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) out[formErrorKey(path)] ??= message;
  return out;
}

/** Add a contact; on success, opens it. */
export function AddContactDialog({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const [, navigate] = useLocation();
  const create = useCreateContact();
  const defs = useCustomFields();
  const settings = useCrmSettings(may(me, 'org.manage'));
  const choices = creatableVisibilities(me, settings.data);
  const [values, setValues] = useState(() => emptyValues(choices[0] ?? ''));
  const { formRef, errors, show, clearChanged } = useFormErrors();
  // The settings may arrive after the form opened and raise the minimum.
  const visibility =
    values.visibility && choices.includes(values.visibility) ? values.visibility : choices[0];

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = toCreateBody({ ...values, visibility: visibility ?? '' }, defs.data ?? []);
    const result = validate(createContactBody, body);
    if (!result.ok) return show(keyed(result.errors));
    show({});
    create.mutate(body, {
      onSuccess: (contact) => {
        onClose();
        navigate(`/crm/contacts/${contact.id}`);
      },
      onError: (e) => show(keyed(problemFieldErrors(e))),
    });
  }

  return (
    <Dialog
      open
      size="large"
      title="Add contact"
      onClose={onClose}
      footer={
        <FormButtons
          form="contact-form"
          submit={create.isPending ? 'Saving…' : 'Add contact'}
          disabled={create.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="contact-form" ref={formRef} onSubmit={submit} noValidate>
        <ErrorNotice error={create.error} />
        <ContactForm
          values={{ ...values, visibility: visibility ?? '' }}
          onChange={(next) => {
            clearChanged(values, next);
            setValues(next);
          }}
          errors={errors}
          customFields={defs.data ?? []}
          visibilityChoices={choices}
        />
      </form>
    </Dialog>
  );
}

/**
 * Edit a contact. The PATCH carries If-Match with the version the form was
 * opened on; a 412 says someone else changed it and offers to reload.
 */
export function EditContactDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const update = useUpdateContact();
  const latest = useContact(contact.id);
  const defs = useCustomFields().data ?? [];
  const [base, setBase] = useState(contact);
  const [values, setValues] = useState<ContactFormValues>(() => valuesFromContact(contact, defs));
  const { formRef, errors, show, clearChanged } = useFormErrors();

  function submit(event: FormEvent) {
    event.preventDefault();
    const changes = toUpdateBody(values, base, defs);
    if (Object.keys(changes).length === 0) return onClose();
    const result = validate(updateContactBody, changes);
    if (!result.ok) return show(keyed(result.errors));
    show({});
    update.mutate(
      { contact: base, changes },
      { onSuccess: onClose, onError: (e) => show(keyed(problemFieldErrors(e))) },
    );
  }

  async function reload() {
    const fresh = await latest.refetch();
    if (!fresh.data) return;
    setBase(fresh.data);
    setValues(valuesFromContact(fresh.data, defs));
    show({});
    update.reset();
  }

  return (
    <Dialog
      open
      size="large"
      title={`Edit ${contact.firstName} ${contact.lastName}`}
      onClose={onClose}
      footer={
        <FormButtons
          form="contact-form"
          submit={update.isPending ? 'Saving…' : 'Save changes'}
          disabled={update.isPending || isStale(update.error)}
          onCancel={onClose}
        />
      }
    >
      <form id="contact-form" ref={formRef} onSubmit={submit} noValidate>
        {isStale(update.error) ? (
          <Notice tone="warning">
            <p>
              <strong>This contact was changed by someone else</strong> after you opened it, so your
              changes were not saved. Reload to see the latest version, then make your changes
              again.
            </p>
            <button type="button" className="btn btn-small" onClick={() => void reload()}>
              Reload latest version
            </button>
          </Notice>
        ) : (
          <ErrorNotice error={update.error} />
        )}
        <ContactForm
          values={values}
          onChange={(next) => {
            clearChanged(values, next);
            setValues(next);
          }}
          errors={errors}
          customFields={defs}
          visibilityChoices={null}
        />
      </form>
    </Dialog>
  );
}
