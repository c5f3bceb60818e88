import { useState, type FormEvent } from 'react';
import { Dialog, FormButtons } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { ApiError } from '../../lib/api';
import { fieldLabels, keyFromLabel, type Target } from './mapping';
import { useCreateCustomField, type CustomField, type NewCustomField } from './mappingApi';

const skip = '';
const newField = '__new__';

/**
 * A column's target: contact fields, custom fields, "Skip this column", and
 * (for who may define fields) "New custom field…", which creates one and picks it.
 */
export function FieldPicker({
  id,
  header,
  value,
  customFields,
  canCreate,
  onChange,
}: {
  id: string;
  header: string;
  value: Target;
  customFields: CustomField[];
  canCreate: boolean;
  onChange: (target: Target) => void;
}) {
  const [creating, setCreating] = useState(false);
  return (
    <>
      <select
        id={id}
        className="field-picker"
        aria-label={`Field for column ${header || '(empty)'}`}
        value={value ?? skip}
        onChange={(e) => {
          if (e.target.value === newField) setCreating(true);
          else onChange(e.target.value === skip ? null : e.target.value);
        }}
      >
        <optgroup label="Contact fields">
          {Object.entries(fieldLabels).map(([field, label]) => (
            <option key={field} value={field}>
              {label}
            </option>
          ))}
        </optgroup>
        {customFields.length > 0 && (
          <optgroup label="Custom fields">
            {customFields.map((f) => (
              <option key={f.key} value={`custom:${f.key}`}>
                {f.label}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Other">
          <option value={skip}>Skip this column</option>
          {canCreate && <option value={newField}>New custom field…</option>}
        </optgroup>
      </select>
      {creating && (
        <NewCustomFieldDialog
          header={header}
          onClose={() => setCreating(false)}
          onCreated={(f) => {
            setCreating(false);
            onChange(`custom:${f.key}`);
          }}
        />
      )}
    </>
  );
}

const types: { value: NewCustomField['type']; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date' },
  { value: 'boolean', label: 'Yes / no' },
];

/** Defines a custom field named after the column (`POST /custom-fields`). */
function NewCustomFieldDialog({
  header,
  onClose,
  onCreated,
}: {
  header: string;
  onClose: () => void;
  onCreated: (field: CustomField) => void;
}) {
  const create = useCreateCustomField();
  const [label, setLabel] = useState(header);
  const [type, setType] = useState<NewCustomField['type']>('text');
  const key = keyFromLabel(label);
  const fieldError = (path: string) =>
    create.error instanceof ApiError
      ? create.error.errors.find((e) => e.path === path)?.message
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ key, label: label.trim(), type }, { onSuccess: onCreated });
  };
  return (
    <Dialog
      open
      size="small"
      title="New custom field"
      onClose={onClose}
      footer={
        <FormButtons
          form="new-custom-field"
          submit="Create and use"
          disabled={!label.trim() || create.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="new-custom-field" className="form" onSubmit={submit}>
        <ErrorNotice error={create.error} />
        <Field
          label="Label"
          required
          error={fieldError('label') ?? fieldError('key')}
          hint={`Key: ${key}`}
        >
          {(props) => <input {...props} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <Field label="Type">
          {(props) => (
            <select
              {...props}
              value={type}
              onChange={(e) => setType(e.target.value as NewCustomField['type'])}
            >
              {types.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
    </Dialog>
  );
}
