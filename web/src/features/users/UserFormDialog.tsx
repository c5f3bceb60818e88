import { useState, type FormEvent } from 'react';
import { createUserBody, updateUserBody } from '@server/users/schema';
import { Dialog, FormButtons } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { fieldErrors } from '../../lib/api';
import { roleLabels } from '../../lib/session';
import { validate } from '../../lib/validation';
import {
  useCreateUser,
  usePartnerChoices,
  useUpdateUser,
  type CreateUserInput,
  type UpdateUserInput,
  type User,
} from './api';

type AssignableRole = CreateUserInput['role'];
const assignableRoles: AssignableRole[] = ['admin', 'employee', 'partner', 'sales_rep'];
const needsPartner = (role: string) => role === 'partner' || role === 'sales_rep';

type Values = { name: string; email: string; password: string; role: string; partnerId: string };

/** Add a user, or edit one (`user` given). Role and partner follow the API's rules. */
export function UserFormDialog({
  user,
  selfId,
  onClose,
}: {
  user?: User;
  selfId: string;
  onClose: () => void;
}) {
  const create = useCreateUser();
  const update = useUpdateUser();
  const partners = usePartnerChoices();
  const mutation = user ? update : create;
  const [values, setValues] = useState<Values>({
    name: user?.name ?? '',
    email: user?.email ?? '',
    password: '',
    role: user?.role ?? 'employee',
    partnerId: user?.partnerId ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const roleLocked = user !== undefined && (user.role === 'owner' || user.id === selfId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const partnerId = needsPartner(values.role) ? values.partnerId || null : null;
    if (user) {
      const changes: Record<string, unknown> = {};
      if (values.name !== user.name) changes.name = values.name;
      if (!roleLocked && values.role !== user.role) changes.role = values.role;
      if (!roleLocked && partnerId !== user.partnerId) changes.partnerId = partnerId;
      const result = validate(updateUserBody, changes);
      if (!result.ok) return setErrors(result.errors);
      setErrors({});
      update.mutate(
        { user, changes: result.data as UpdateUserInput },
        { onSuccess: onClose, onError: (e) => setErrors(fieldErrors(e)) },
      );
      return;
    }
    const result = validate(createUserBody, { ...values, partnerId });
    if (!result.ok) return setErrors(result.errors);
    if (needsPartner(values.role) && !partnerId) {
      return setErrors({ partnerId: 'Choose the partner this user works for' });
    }
    setErrors({});
    create.mutate(result.data, { onSuccess: onClose, onError: (e) => setErrors(fieldErrors(e)) });
  }

  return (
    <Dialog
      open
      title={user ? `Edit ${user.name}` : 'Add user'}
      onClose={onClose}
      footer={
        <FormButtons
          form="user-form"
          submit={user ? 'Save changes' : 'Add user'}
          disabled={mutation.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="user-form" className="form" onSubmit={submit} noValidate>
        <ErrorNotice error={mutation.error} />
        <Field label="Name" required error={errors.name}>
          {(p) => (
            <input {...p} value={values.name} onChange={(e) => set('name')(e.target.value)} />
          )}
        </Field>
        <Field
          label="E-mail"
          required={!user}
          error={errors.email}
          hint={user ? 'Only the user changes their own e-mail.' : undefined}
        >
          {(p) => (
            <input
              {...p}
              type="email"
              value={values.email}
              readOnly={user !== undefined}
              onChange={(e) => set('email')(e.target.value)}
            />
          )}
        </Field>
        {!user && (
          <Field label="Password" required error={errors.password} hint="At least 8 characters.">
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={values.password}
                onChange={(e) => set('password')(e.target.value)}
              />
            )}
          </Field>
        )}
        <Field
          label="Role"
          error={errors.role}
          hint={
            roleLocked ? 'The owner’s role and your own role cannot be changed here.' : undefined
          }
        >
          {(p) => (
            <select
              {...p}
              value={values.role}
              disabled={roleLocked}
              onChange={(e) => set('role')(e.target.value)}
            >
              {values.role === 'owner' && <option value="owner">{roleLabels.owner}</option>}
              {assignableRoles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {needsPartner(values.role) && (
          <Field label="Partner" required error={errors.partnerId}>
            {(p) => (
              <select
                {...p}
                value={values.partnerId}
                disabled={roleLocked}
                onChange={(e) => set('partnerId')(e.target.value)}
              >
                <option value="">Choose a partner…</option>
                {(partners.data ?? []).map((partner) => (
                  <option key={partner.id} value={partner.id}>
                    {partner.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </form>
    </Dialog>
  );
}
