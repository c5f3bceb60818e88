import { useState } from 'react';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { may, useMe } from '../../lib/session';
import { activityMeta, filterTypes } from './activityMeta';
import { ActivityItem } from './ActivityItem';
import { AddActivityForm } from './AddActivityForm';
import { useChangeNames, useTimeline, type ActivityType, type TimelineOwner } from './api';

/** The record's immutable history, newest first, with a type filter and "Load more". */
export function ActivityTimeline({ owner }: { owner: TimelineOwner }) {
  const me = useMe();
  const [type, setType] = useState<ActivityType | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const timeline = useTimeline(owner, type);
  const items = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  const nameOf = useChangeNames(items, may(me, 'org.manage'));

  return (
    <section className="card timeline-card" aria-labelledby="timeline-heading">
      <div className="timeline-header">
        <h2 id="timeline-heading">Activity</h2>
        <div className="timeline-tools">
          <div className="filter">
            <select
              aria-label="Filter by type"
              value={type ?? ''}
              onChange={(e) => setType((e.target.value || undefined) as ActivityType | undefined)}
            >
              <option value="">All activity</option>
              {filterTypes.map((t) => (
                <option key={t} value={t}>
                  {activityMeta[t].label}
                </option>
              ))}
            </select>
          </div>
          {may(me, 'activity.log') && !adding && (
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
              <Icon name="plus" size={16} /> Add activity
            </button>
          )}
        </div>
      </div>
      {adding && <AddActivityForm owner={owner} onDone={() => setAdding(false)} />}
      <ErrorNotice error={timeline.error} />
      {timeline.isPending ? (
        <Spinner label="Loading activity…" />
      ) : items.length === 0 ? (
        <p className="muted timeline-empty">
          {type ? `No ${activityMeta[type].label.toLowerCase()} activity.` : 'No activity yet.'}
        </p>
      ) : (
        <ol className="timeline" aria-label="Activity timeline">
          {items.map((a) => (
            <ActivityItem key={a.id} activity={a} selfId={me.user.id} nameOf={nameOf} />
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <div className="timeline-more">
          <button
            type="button"
            className="btn"
            disabled={timeline.isFetchingNextPage}
            onClick={() => void timeline.fetchNextPage()}
          >
            {timeline.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </section>
  );
}
