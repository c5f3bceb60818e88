import { useState, type FormEvent } from 'react';
import { Notice } from '../../components/Notice';
import { errorMessage, fieldErrors, isStale } from '../../lib/api';
import { useSaveSettings, useSettings, type CrmSettings, type UpdateSettingsInput } from './api';
import { toggles } from './settingsText';

type Draft = Omit<CrmSettings, 'version' | 'maxContacts'> & { maxContacts: string };
const draftOf = ({ version: _v, maxContacts, ...rest }: CrmSettings): Draft => ({
  ...rest,
  maxContacts: maxContacts === null ? '' : String(maxContacts),
});

type Save = ReturnType<typeof useSaveSettings>;

/** Keyed by the settings' version: a saved or reloaded version starts a fresh draft. */
function Form({
  settings,
  save,
  onReload,
}: {
  settings: CrmSettings;
  save: Save;
  onReload: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(settings));
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const max = draft.maxContacts.trim();
    const changes: UpdateSettingsInput = {
      ...Object.fromEntries(toggles.map((t) => [t.key, draft[t.key]])),
      maxContacts: max === '' ? null : Number(max),
    };
    save.mutate({ version: settings.version, changes });
  };
  return (
    <form className="form settings-form" onSubmit={submit} aria-label="CRM settings">
      {save.isError &&
        (isStale(save.error) ? (
          <Notice tone="warning">
            Someone else changed these settings meanwhile.{' '}
            <button type="button" className="btn btn-small" onClick={onReload}>
              Load their version
            </button>
          </Notice>
        ) : (
          <Notice tone="error">{errorMessage(save.error)}</Notice>
        ))}
      <ul className="setting-list">
        {toggles.map((t) => (
          <li key={t.key} className="setting">
            <label className="setting-label">
              <input
                type="checkbox"
                role="switch"
                checked={draft[t.key]}
                onChange={(e) => setDraft({ ...draft, [t.key]: e.target.checked })}
                aria-describedby={`help-${t.key}`}
              />
              <span className="strong">{t.label}</span>
            </label>
            <p id={`help-${t.key}`} className="muted small setting-help">
              {t.help}
            </p>
          </li>
        ))}
        <li className="setting">
          <label className="setting-label" htmlFor="max-contacts">
            <span className="strong">Maximum contacts</span>
          </label>
          <input
            id="max-contacts"
            className="max-contacts"
            inputMode="numeric"
            placeholder="No cap beyond the plan"
            value={draft.maxContacts}
            aria-invalid={errors.maxContacts ? true : undefined}
            aria-describedby="help-max"
            onChange={(e) => setDraft({ ...draft, maxContacts: e.target.value })}
          />
          {errors.maxContacts && <p className="field-error">{errors.maxContacts}</p>}
          <p id="help-max" className="muted small setting-help">
            A cap on contacts in the organization. The smaller of this and the plan's limit applies.
            Empty: the plan's limit only.
          </p>
        </li>
      </ul>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}

/** The CRM settings with what each one does; saved with If-Match. */
export function SettingsForm() {
  const settings = useSettings();
  // Here, not in the form: a successful save remounts the form (new version).
  const save = useSaveSettings();
  if (settings.isPending) return <p className="muted">Loading settings…</p>;
  if (settings.isError) return <Notice tone="error">{errorMessage(settings.error)}</Notice>;
  return (
    <>
      {save.isSuccess && (
        <Notice tone="success">Settings saved. They apply to records created from now on.</Notice>
      )}
      <Form
        key={settings.data.version}
        settings={settings.data}
        save={save}
        onReload={() => {
          save.reset();
          void settings.refetch();
        }}
      />
    </>
  );
}
