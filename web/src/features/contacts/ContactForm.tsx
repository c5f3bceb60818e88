import type { ReactNode } from 'react';
import { Field } from '../../components/Field';
import type { CustomField, Visibility } from './api';
import type { ContactFormValues } from './formValues';
import { visibilityOptions } from '../../lib/visibility';
import { statusOptions, typeOptions } from './labels';
import { TagInput } from './TagInput';

type TextKey = Exclude<
  keyof ContactFormValues,
  'type' | 'status' | 'tags' | 'visibility' | 'customFields'
>;

type ContactFormProps = {
  values: ContactFormValues;
  onChange: (values: ContactFormValues) => void;
  errors: Record<string, string>;
  customFields: CustomField[];
  /** The levels a new contact may start at; null when editing (visibility changes by commit-up). */
  visibilityChoices: Visibility[] | null;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{title}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}

/** Every field of a contact, grouped as the training manual groups them. */
export function ContactForm({
  values,
  onChange,
  errors,
  customFields,
  visibilityChoices,
}: ContactFormProps) {
  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) =>
    onChange({ ...values, [key]: value });

  const text = (
    key: TextKey,
    label: string,
    options: { type?: string; required?: boolean } = {},
  ) => (
    <Field label={label} required={options.required} error={errors[key]}>
      {(p) => (
        <input
          {...p}
          name={key}
          type={options.type ?? 'text'}
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <div className="contact-form">
      <Section title="Identity">
        {text('firstName', 'First name', { required: true })}
        {text('lastName', 'Last name', { required: true })}
        {text('email', 'E-mail', { type: 'email', required: true })}
        {text('phone', 'Phone', { type: 'tel' })}
        {text('mobile', 'Mobile', { type: 'tel' })}
      </Section>
      <Section title="Professional">
        {text('company', 'Company')}
        {text('jobTitle', 'Job title')}
        {text('website', 'Website', { type: 'url' })}
        {text('linkedin', 'LinkedIn', { type: 'url' })}
      </Section>
      <Section title="Address">
        {text('street', 'Street')}
        {text('city', 'City')}
        {text('state', 'State / region')}
        {text('postalCode', 'Postal code')}
        {text('country', 'Country')}
      </Section>
      <Section title="Classification">
        <Field label="Type" error={errors.type}>
          {(p) => (
            <select
              {...p}
              name="type"
              value={values.type}
              onChange={(e) => set('type', e.target.value as ContactFormValues['type'])}
            >
              {typeOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status" error={errors.status}>
          {(p) => (
            <select
              {...p}
              name="status"
              value={values.status}
              onChange={(e) => set('status', e.target.value as ContactFormValues['status'])}
            >
              {statusOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('source', 'Source')}
        {visibilityChoices && (
          <Field
            label="Visibility"
            error={errors.visibility}
            hint="You can commit a contact up later, but never back down."
          >
            {(p) => (
              <select
                {...p}
                name="visibility"
                value={values.visibility}
                onChange={(e) => set('visibility', e.target.value as Visibility)}
              >
                {visibilityOptions
                  .filter((o) => visibilityChoices.includes(o.value))
                  .map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label} — {o.description}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label="Tags"
          error={errors.tags}
          className="span-2"
          hint="Enter or comma adds a tag."
        >
          {(p) => <TagInput {...p} value={values.tags} onChange={(tags) => set('tags', tags)} />}
        </Field>
        <Field label="Notes" error={errors.notes} className="span-2">
          {(p) => (
            <textarea
              {...p}
              name="notes"
              rows={4}
              value={values.notes}
              onChange={(e) => set('notes', e.target.value)}
            />
          )}
        </Field>
      </Section>
      {customFields.length > 0 && (
        <Section title="Custom fields">
          {customFields.map((def) => (
            <Field key={def.key} label={def.label} error={errors[`customFields.${def.key}`]}>
              {(p) => {
                const value = values.customFields[def.key] ?? '';
                const change = (v: string) =>
                  set('customFields', { ...values.customFields, [def.key]: v });
                if (def.type === 'select' || def.type === 'boolean') {
                  const options =
                    def.type === 'boolean'
                      ? [
                          { value: 'true', label: 'Yes' },
                          { value: 'false', label: 'No' },
                        ]
                      : (def.options ?? []).map((o) => ({ value: o, label: o }));
                  return (
                    <select {...p} value={value} onChange={(e) => change(e.target.value)}>
                      <option value="">—</option>
                      {options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  );
                }
                return (
                  <input
                    {...p}
                    type={def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : 'text'}
                    value={value}
                    onChange={(e) => change(e.target.value)}
                  />
                );
              }}
            </Field>
          ))}
        </Section>
      )}
    </div>
  );
}
