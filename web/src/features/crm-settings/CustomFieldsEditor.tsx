import { useState, type FormEvent } from 'react';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { ErrorNotice, Notice } from '../../components/Notice';
import { fieldErrors } from '../../lib/api';
import {
  useCreateCustomField,
  useCustomFieldList,
  useDeleteCustomField,
  useOrg,
  useUpdateCustomField,
  type CreateCustomFieldInput,
  type CustomField,
} from './api';

const types = [
  'text',
  'number',
  'date',
  'boolean',
  'select',
] as const satisfies readonly CreateCustomFieldInput['type'][];
const splitOptions = (text: string) =>
  text
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

function AddField({ disabled }: { disabled: boolean }) {
  const create = useCreateCustomField();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CreateCustomFieldInput['type']>('text');
  const [options, setOptions] = useState('');
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { key, label, type, ...(type === 'select' ? { options: splitOptions(options) } : {}) },
      { onSuccess: () => (setKey(''), setLabel(''), setOptions('')) },
    );
  };
  return (
    <form className="field-add" onSubmit={submit} aria-label="Add a custom field">
      <fieldset disabled={disabled} className="field-add-row">
        <input
          aria-label="Field label"
          placeholder="Label, e.g. Industry"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <input
          aria-label="Field key"
          placeholder="key, e.g. industry"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <select
          aria-label="Field type"
          value={type}
          onChange={(e) => setType(e.target.value as CreateCustomFieldInput['type'])}
        >
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        {type === 'select' && (
          <input
            aria-label="Options"
            placeholder="Options, comma-separated"
            value={options}
            onChange={(e) => setOptions(e.target.value)}
          />
        )}
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          <Icon name="plus" size={16} /> Add field
        </button>
      </fieldset>
      {create.isError &&
        (Object.keys(errors).length ? (
          <ul className="field-error">
            {Object.entries(errors).map(([k, m]) => (
              <li key={k}>
                {k}: {m}
              </li>
            ))}
          </ul>
        ) : (
          <ErrorNotice error={create.error} />
        ))}
    </form>
  );
}

function FieldRow({ field, onDelete }: { field: CustomField; onDelete: () => void }) {
  const update = useUpdateCustomField();
  const [label, setLabel] = useState(field.label);
  const [options, setOptions] = useState(field.options?.join(', ') ?? '');
  const dirty = label !== field.label || options !== (field.options?.join(', ') ?? '');
  return (
    <tr>
      <td>
        <input
          aria-label={`Label of ${field.key}`}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
      </td>
      <td>
        <code>{field.key}</code>
      </td>
      <td>
        <Badge tone="gray">{field.type}</Badge>
      </td>
      <td>
        {field.type === 'select' ? (
          <input
            aria-label={`Options of ${field.key}`}
            value={options}
            onChange={(e) => setOptions(e.target.value)}
          />
        ) : (
          <span className="muted">—</span>
        )}
        {update.isError && <ErrorNotice error={update.error} />}
      </td>
      <td className="row-actions">
        {dirty && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() =>
              update.mutate({
                field,
                changes: {
                  label,
                  ...(field.type === 'select' ? { options: splitOptions(options) } : {}),
                },
              })
            }
          >
            Save
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete ${field.label}`}
          onClick={onDelete}
        >
          <Icon name="trash" size={16} />
        </button>
      </td>
    </tr>
  );
}

/** Custom contact fields (Growth and Scale): define, relabel, change options, remove. */
export function CustomFieldsEditor() {
  const org = useOrg();
  const fields = useCustomFieldList();
  const remove = useDeleteCustomField();
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const gated = org.data ? !org.data.features.includes('custom_fields') : false;
  return (
    <section className="card card-padded" aria-labelledby="custom-fields-heading">
      <h3 id="custom-fields-heading">Custom fields</h3>
      <p className="muted">Extra fields on every contact. Values are checked against the type.</p>
      {gated && (
        <Notice tone="info">
          Custom fields come with the Growth plan. Upgrade to define them.
        </Notice>
      )}
      <ErrorNotice error={fields.error} />
      {(fields.data?.length ?? 0) > 0 && (
        <table className="table custom-fields-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Key</th>
              <th scope="col">Type</th>
              <th scope="col">Options</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.data?.map((f) => (
              <FieldRow key={`${f.id}-${f.version}`} field={f} onDelete={() => setDeleting(f)} />
            ))}
          </tbody>
        </table>
      )}
      <AddField disabled={gated} />
      {deleting && (
        <ConfirmDialog
          title={`Remove the field ${deleting.label}?`}
          confirmLabel="Remove field"
          danger
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
        >
          Contacts no longer show this field.
        </ConfirmDialog>
      )}
    </section>
  );
}
