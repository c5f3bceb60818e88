import { Link } from 'wouter';
import { Icon } from '../../components/Icon';
import { formatDateTime, formatRelative } from '../../lib/format';
import { roleLabels } from '../../lib/session';
import { activityMeta, fieldLabel, valueText } from './activityMeta';
import type { Activity } from './api';
import './activities.css';

/** One timeline entry: icon by type, who (and in which role) and when, and what changed. */
export function ActivityItem({
  activity,
  selfId,
  nameOf,
}: {
  activity: Activity;
  selfId: string;
  /** A display name for an id in a change (a customer, a user), when known. */
  nameOf: (field: string, value: unknown) => string | undefined;
}) {
  const meta = activityMeta[activity.type];
  const who =
    activity.actorId === selfId
      ? 'You'
      : (activity.actorName ?? (activity.actorId ? 'Organization staff' : 'System'));
  const changes = activity.changes ?? [];
  return (
    <li className={`timeline-item timeline-${activity.type}`}>
      <span className={`timeline-icon tone-${meta.tone}`}>
        <Icon name={meta.icon} size={16} />
      </span>
      <div className="timeline-body">
        <div className="timeline-head">
          <span className="timeline-title">
            <span className="timeline-type">{meta.label}</span>
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
        <div className="timeline-meta muted small">
          by <span className="strong">{who}</span>
          {activity.actorRole && <> ({roleLabels[activity.actorRole]})</>}
          {' · '}
          {formatDateTime(activity.occurredAt)}
        </div>
        {activity.dealId && (
          // On a contact's timeline, a deal's activity says which deal it belongs to.
          <div className="timeline-deal small">
            <Icon name="pipeline" size={14} />
            {activity.dealTitle ? (
              <span>
                Deal: <Link href={`/crm/deals/${activity.dealId}`}>{activity.dealTitle}</Link>
              </span>
            ) : (
              <span className="muted">On a deleted deal</span>
            )}
          </div>
        )}
        {activity.body && <p className="timeline-text">{activity.body}</p>}
        {changes.length > 0 && (
          <ul className="changes">
            {changes.map((change, i) => (
              <li key={`${change.field}-${i}`}>
                <span className="change-field">{fieldLabel(change.field)}</span>
                <span className="change-from">
                  <span className="sr-only">from </span>
                  {nameOf(change.field, change.from) ?? valueText(change.from, change.field)}
                </span>
                <span className="change-arrow" aria-hidden="true">
                  →
                </span>
                <span className="change-to">
                  <span className="sr-only">to </span>
                  {nameOf(change.field, change.to) ?? valueText(change.to, change.field)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
