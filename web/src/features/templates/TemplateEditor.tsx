import { useRef, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import {
  templateErrors,
  useDeleteTemplate,
  useSaveTemplate,
  type Template,
  type TemplateCategory,
} from './api';
import { PreviewPanel } from './PreviewPanel';
import { VariablePicker } from './VariablePicker';

type Draft = {
  category: TemplateCategory;
  name: string;
  subject: string;
  body: string;
  visibility: Template['visibility'];
};
const draftOf = (t?: Template): Draft => ({
  category: t?.category ?? 'email',
  name: t?.name ?? '',
  subject: t?.subject ?? '',
  body: t?.body ?? '',
  visibility: t?.visibility ?? 'individual',
});
const categories: { value: TemplateCategory; label: string }[] = [
  { value: 'email', label: 'E-mail' },
  { value: 'sms', label: 'SMS' },
  { value: 'note', label: 'Note' },
];

function Errors({ messages, id }: { messages: string[] | undefined; id: string }) {
  if (!messages?.length) return null;
  return (
    <ul className="field-error lint-errors" id={id} role="alert">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

/** Create or edit a template: variables, inline lint errors from the API, private/shared, preview. */
export function TemplateEditor({
  template,
  onSaved,
  onDeleted,
}: {
  template?: Template;
  onSaved: (t: Template) => void;
  onDeleted: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(template));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useSaveTemplate();
  const remove = useDeleteTemplate();
  const body = useRef<HTMLTextAreaElement>(null);
  const errors = templateErrors(save.error);
  const readOnly = template !== undefined && !template.canEdit;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(template));

  const insert = (name: string) => {
    const el = body.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? draft.body.length;
    const end = el?.selectionEnd ?? start;
    const next = draft.body.slice(0, start) + token + draft.body.slice(end);
    setDraft({ ...draft, body: next });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        template,
        input: {
          category: draft.category,
          name: draft.name,
          subject: draft.category === 'email' ? draft.subject : null,
          body: draft.body,
          visibility: draft.visibility,
        },
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <div className="template-editor">
      <form className="card card-padded form" onSubmit={submit} aria-label="Template editor">
        <h3>{template ? (readOnly ? template.name : `Edit ${template.name}`) : 'New template'}</h3>
        {readOnly && (
          <p className="muted">
            A shared template by {template.ownerName ?? 'someone else'}: you may use it, not change
            it.
          </p>
        )}
        {errors._form && <ErrorNotice error={save.error} />}
        <fieldset className="template-fields" disabled={readOnly}>
          <div className="toolbar">
            <fieldset className="segmented">
              <legend className="sr-only">Category</legend>
              {categories.map((c) => (
                <label
                  key={c.value}
                  className={`segment${draft.category === c.value ? ' selected' : ''}`}
                >
                  <input
                    type="radio"
                    name="category"
                    checked={draft.category === c.value}
                    onChange={() => setDraft({ ...draft, category: c.value })}
                  />
                  {c.label}
                </label>
              ))}
            </fieldset>
            <fieldset className="segmented">
              <legend className="sr-only">Who can use it</legend>
              {(['individual', 'organization'] as const).map((v) => (
                <label key={v} className={`segment${draft.visibility === v ? ' selected' : ''}`}>
                  <input
                    type="radio"
                    name="visibility"
                    checked={draft.visibility === v}
                    onChange={() => setDraft({ ...draft, visibility: v })}
                  />
                  {v === 'individual' ? 'Private' : 'Shared'}
                </label>
              ))}
            </fieldset>
          </div>
          <Field label="Name" required error={errors.name?.[0]}>
            {(p) => (
              <input
                {...p}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            )}
          </Field>
          {draft.category === 'email' && (
            <div className="field">
              <label htmlFor="template-subject">Subject</label>
              <input
                id="template-subject"
                value={draft.subject}
                aria-invalid={errors.subject ? true : undefined}
                aria-describedby={errors.subject ? 'subject-errors' : undefined}
                onChange={(e) => setDraft({ ...draft, subject: e.target.value })}
              />
              <Errors messages={errors.subject} id="subject-errors" />
            </div>
          )}
          <div className="field">
            <label htmlFor="template-body">Body</label>
            <VariablePicker onPick={insert} />
            <textarea
              id="template-body"
              ref={body}
              rows={9}
              value={draft.body}
              aria-invalid={errors.body ? true : undefined}
              aria-describedby={errors.body ? 'body-errors' : undefined}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
            />
            <Errors messages={errors.body} id="body-errors" />
          </div>
        </fieldset>
        {!readOnly && (
          <div className="form-actions">
            {template && (
              <button
                type="button"
                className="btn btn-ghost-danger btn-push-left"
                onClick={() => setConfirmDelete(true)}
              >
                Delete
              </button>
            )}
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save template'}
            </button>
          </div>
        )}
      </form>
      {template && <PreviewPanel template={template} dirty={dirty} />}
      {confirmDelete && template && (
        <ConfirmDialog
          title={`Delete ${template.name}?`}
          confirmLabel="Delete template"
          danger
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => remove.mutate(template, { onSuccess: onDeleted })}
        >
          Nobody can use it afterwards.
        </ConfirmDialog>
      )}
    </div>
  );
}
