import { useEffect } from 'react';
import { Link } from 'wouter';
import { Chip } from '../../components/Badge';
import { formatRelative, initials } from '../../lib/format';
import { maySelectForBulk, ownerLabel } from '../../lib/permissions';
import { useMe } from '../../lib/session';
import type { Contact } from './api';
import { VisibilityBadge } from '../../components/VisibilityBadge';
import { StatusBadge, TypeBadge } from './ContactBadges';
import { useWindowedRows } from './useWindowedRows';

const rowHeight = 56;
const columns = 7;

type Props = {
  contacts: Contact[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** With these, each row the caller may bulk-update gets a checkbox. */
  selectedIds?: string[];
  onSelectionChange?: (ids: string[]) => void;
};

function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return <span className="muted">—</span>;
  const shown = tags.slice(0, 2);
  return (
    <span className="chips">
      {shown.map((t) => (
        <Chip key={t}>{t}</Chip>
      ))}
      {tags.length > shown.length && (
        <span className="muted small">+{tags.length - shown.length}</span>
      )}
    </span>
  );
}

/**
 * The contact list as a table that renders only the rows in view, and asks
 * for the next page (cursor paging) as the user scrolls near the end.
 */
export function ContactsTable({
  contacts,
  hasMore,
  loadingMore,
  onLoadMore,
  selectedIds,
  onSelectionChange,
}: Props) {
  const me = useMe();
  const selected = new Set(selectedIds);
  // Only what the caller may bulk-update is offered (a partner: its own contacts).
  const selectable = onSelectionChange ? contacts.filter((c) => maySelectForBulk(me, c)) : [];
  const selecting = onSelectionChange && me.permissions['contact.bulk'] !== 'none';
  const allSelected = selectable.length > 0 && selectable.every((c) => selected.has(c.id));
  const toggle = (id: string, on: boolean) =>
    onSelectionChange?.(on ? [...selected, id] : [...selected].filter((x) => x !== id));
  const { ref, start, end, before, after } = useWindowedRows(contacts.length, rowHeight);

  useEffect(() => {
    if (hasMore && !loadingMore && end >= contacts.length - 20) onLoadMore();
  }, [end, contacts.length, hasMore, loadingMore, onLoadMore]);

  return (
    <div className="table-scroll card" ref={ref} tabIndex={-1}>
      <table className="table contacts-table" aria-rowcount={contacts.length + (hasMore ? 2 : 1)}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">
              {selecting && (
                <input
                  type="checkbox"
                  className="row-select"
                  aria-label={
                    me.permissions['contact.bulk'] === 'all'
                      ? 'Select all loaded contacts'
                      : 'Select all loaded contacts you own'
                  }
                  disabled={selectable.length === 0}
                  checked={allSelected}
                  onChange={(e) =>
                    onSelectionChange(e.target.checked ? selectable.map((c) => c.id) : [])
                  }
                />
              )}
              Name
            </th>
            <th scope="col">Company</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Visibility</th>
            <th scope="col">Tags</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={columns} style={{ height: before }} />
            </tr>
          )}
          {contacts.slice(start, end).map((c, i) => (
            <tr key={c.id} aria-rowindex={start + i + 2} style={{ height: rowHeight }}>
              <td>
                <div className="person">
                  {selecting && !maySelectForBulk(me, c) && (
                    <span className="row-select" aria-hidden="true" />
                  )}
                  {selecting && maySelectForBulk(me, c) && (
                    <input
                      type="checkbox"
                      className="row-select"
                      aria-label={`Select ${c.firstName} ${c.lastName}`}
                      checked={selected.has(c.id)}
                      onChange={(e) => toggle(c.id, e.target.checked)}
                    />
                  )}
                  <span className="avatar avatar-small" aria-hidden="true">
                    {initials(`${c.firstName} ${c.lastName}`)}
                  </span>
                  <div className="person-text">
                    <Link href={`/crm/contacts/${c.id}`} className="row-link">
                      {c.firstName} {c.lastName}
                    </Link>
                    <div className="muted small truncate">{c.email}</div>
                  </div>
                </div>
              </td>
              <td>
                <div className="truncate">{c.company ?? <span className="muted">—</span>}</div>
                {c.jobTitle && <div className="muted small truncate">{c.jobTitle}</div>}
              </td>
              <td>
                <TypeBadge type={c.type} />
              </td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>
                <VisibilityBadge visibility={c.visibility} />
              </td>
              <td>
                <Tags tags={c.tags} />
              </td>
              <td>
                <div className="truncate" title={ownerLabel(me, c)}>
                  {ownerLabel(me, c)}
                </div>
                <div className="muted small">{formatRelative(c.updatedAt)}</div>
              </td>
            </tr>
          ))}
          {after > 0 && (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={columns} style={{ height: after }} />
            </tr>
          )}
          {hasMore && (
            <tr>
              <td colSpan={columns} className="load-more-cell">
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={loadingMore}
                  onClick={onLoadMore}
                >
                  {loadingMore ? 'Loading more…' : 'Load more'}
                </button>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
