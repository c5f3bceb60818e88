import { useState, type FormEvent } from 'react';
import { logActivityBody } from '@server/activities/schema';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { useFormErrors } from '../../lib/useFormErrors';
import { problemFieldErrors, validate } from '../../lib/validation';
import { activityMeta, manualTypes } from './activityMeta';
import { useLogActivity, type TimelineOwner } from './api';

type ManualType = (typeof manualTypes)[number];

/** Log a note, e-mail, call or meeting on the record's timeline. */
export function AddActivityForm({ owner, onDone }: { owner: TimelineOwner; onDone: () => void }) {
  const log = useLogActivity(owner);
  const [type, setType] = useState<ManualType>('note');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [when, setWhen] = useState('');
  const { formRef, errors, show, clear } = useFormErrors();

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      type,
      subject: subject.trim() || undefined,
      body,
      occurredAt: when ? new Date(when).toISOString() : undefined,
    };
    const result = validate(logActivityBody, input);
    if (!result.ok) return show(result.errors);
    show({});
    log.mutate(result.data, { onSuccess: onDone, onError: (e) => show(problemFieldErrors(e)) });
  }

  return (
    <form
      ref={formRef}
      className="activity-form"
      onSubmit={submit}
      noValidate
      aria-label="Add activity"
    >
      <ErrorNotice error={log.error} />
      <fieldset className="segmented">
        <legend className="sr-only">Activity type</legend>
        {manualTypes.map((t) => (
          <label key={t} className={`segment${type === t ? ' selected' : ''}`}>
            <input
              type="radio"
              name="activity-type"
              value={t}
              checked={type === t}
              onChange={() => setType(t)}
            />
            <Icon name={activityMeta[t].icon} size={14} />
            {activityMeta[t].label}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <Field label="Subject" error={errors.subject}>
          {(p) => (
            <input
              {...p}
              value={subject}
              onChange={(e) => {
                clear('subject');
                setSubject(e.target.value);
              }}
            />
          )}
        </Field>
        <Field label="When" error={errors.occurredAt} hint="Leave empty for now.">
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={when}
              onChange={(e) => {
                clear('occurredAt');
                setWhen(e.target.value);
              }}
            />
          )}
        </Field>
        <Field label="Description" required error={errors.body} className="span-2">
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={body}
              onChange={(e) => {
                clear('body');
                setBody(e.target.value);
              }}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={log.isPending}>
          {log.isPending ? 'Saving…' : `Log ${activityMeta[type].label.toLowerCase()}`}
        </button>
      </div>
    </form>
  );
}
