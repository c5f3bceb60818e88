import { useState, type FormEvent } from 'react';
import { Icon, type IconName } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, formatRelative, humanize } from '../../lib/format';
import { may, roleLabels, useMe } from '../../lib/session';
import { useDealTimeline, useLogDealActivity, type Activity, type LogActivityInput } from './api';

const labels: Partial<Record<Activity['type'], string>> = {
  stage_change: 'Stage changed',
  field_update: 'Updated',
  visibility_change: 'Committed up',
  template_used: 'Template used',
};

const icons: Partial<Record<Activity['type'], IconName>> = {
  note: 'note',
  email: 'mail',
  call: 'phone',
  meeting: 'calendar',
  created: 'star',
  field_update: 'edit',
  stage_change: 'arrowRight',
  won: 'award',
  lost: 'xCircle',
  visibility_change: 'arrowUp',
  template_used: 'send',
  deleted: 'trash',
};
const tones: Partial<Record<Activity['type'], string>> = {
  stage_change: 'blue',
  won: 'green',
  lost: 'red',
  created: 'indigo',
  note: 'amber',
  template_used: 'violet',
};

const text = (value: unknown): string =>
  value === null || value === undefined || value === '' ? '—' : String(value);

function Entry({ activity, selfId }: { activity: Activity; selfId: string }) {
  const who =
    activity.actorId === selfId
      ? 'You'
      : (activity.actorName ?? (activity.actorId ? 'Organization staff' : 'System'));
  return (
    <li className={`timeline-item timeline-${activity.type}`}>
      <span className={`timeline-icon tone-${tones[activity.type] ?? 'gray'}`}>
        <Icon name={icons[activity.type] ?? 'activity'} size={16} />
      </span>
      <div className="timeline-body">
        <div className="timeline-head">
          <span>
            <span className="timeline-type">
              {labels[activity.type] ?? humanize(activity.type)}
            </span>
            {activity.subject && <span className="timeline-subject"> · {activity.subject}</span>}
          </span>
          <time
            className="muted small"
            dateTime={activity.occurredAt}
            title={formatDateTime(activity.occurredAt)}
          >
            {formatRelative(activity.occurredAt)}
          </time>
        </div>
        <div className="muted small">
          by <span className="strong">{who}</span>
          {activity.actorRole && <> ({roleLabels[activity.actorRole]})</>}
        </div>
        {activity.body && <p className="timeline-text">{activity.body}</p>}
        {activity.type !== 'stage_change' && (activity.changes ?? []).length > 0 && (
          <ul className="changes">
            {(activity.changes ?? []).map((c, i) => (
              <li key={`${c.field}-${i}`}>
                <span className="change-field">{humanize(c.field)}</span>{' '}
                <span className="change-from">{text(c.from)}</span>{' '}
                <span className="change-arrow" aria-hidden="true">
                  →
                </span>{' '}
                <span className="change-to">{text(c.to)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

function NoteForm({ dealId }: { dealId: string }) {
  const log = useLogDealActivity(dealId);
  const [type, setType] = useState<LogActivityInput['type']>('note');
  const [body, setBody] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    log.mutate({ type, body }, { onSuccess: () => setBody('') });
  };
  return (
    <form className="activity-form" onSubmit={submit} aria-label="Log activity">
      <ErrorNotice error={log.error} />
      <div className="toolbar">
        <select
          aria-label="Activity type"
          value={type}
          onChange={(e) => setType(e.target.value as LogActivityInput['type'])}
        >
          <option value="note">Note</option>
          <option value="email">E-mail</option>
          <option value="call">Call</option>
          <option value="meeting">Meeting</option>
        </select>
        <input
          aria-label="What happened"
          placeholder="What happened?"
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={log.isPending || !body.trim()}>
          Log
        </button>
      </div>
    </form>
  );
}

/** The deal's immutable history, newest first: stage moves, wins, losses, notes. */
export function DealTimeline({ dealId }: { dealId: string }) {
  const me = useMe();
  const timeline = useDealTimeline(dealId);
  const items = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="card timeline-card" aria-labelledby="deal-timeline-heading">
      <div className="timeline-header">
        <h2 id="deal-timeline-heading">Timeline</h2>
      </div>
      {may(me, 'activity.log') && <NoteForm dealId={dealId} />}
      <ErrorNotice error={timeline.error} />
      {timeline.isPending ? (
        <Spinner label="Loading the timeline…" />
      ) : (
        <ol className="timeline" aria-label="Deal timeline">
          {items.map((a) => (
            <Entry key={a.id} activity={a} selfId={me.user.id} />
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <div className="timeline-more">
          <button type="button" className="btn" onClick={() => void timeline.fetchNextPage()}>
            Load more
          </button>
        </div>
      )}
    </section>
  );
}
