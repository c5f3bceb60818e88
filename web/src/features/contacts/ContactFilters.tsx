import { useEffect, useRef, useState } from 'react';
import { contactSorts } from '@server/contacts/schema';
import { Icon } from '../../components/Icon';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import type { ContactListFilters } from './api';
import { visibilityOptions } from '../../lib/visibility';
import { statusOptions, typeOptions } from './labels';

type Sort = (typeof contactSorts)[number];
const sortLabels: Record<Sort, string> = {
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
  name: 'Name A–Z',
  '-name': 'Name Z–A',
  '-updatedAt': 'Recently updated',
  updatedAt: 'Least recently updated',
};

type Props = {
  filters: ContactListFilters;
  onChange: (changes: Partial<ContactListFilters>) => void;
};

/** Text that settles before it filters: the search box and the tag box. */
function useSettledText(initial: string, onSettled: (value: string) => void) {
  const [text, setText] = useState(initial);
  const settled = useDebouncedValue(text, 300);
  const callback = useRef(onSettled);
  useEffect(() => {
    callback.current = onSettled;
  });
  useEffect(() => callback.current(settled), [settled]);
  return [text, setText] as const;
}

/**
 * Search (server-side, debounced, 2+ characters) and the status/type/visibility/tag filters.
 * The text boxes keep their own state; remount (change `key`) to reset them.
 */
export function ContactFilters({ filters, onChange }: Props) {
  const [q, setQ] = useSettledText(filters.q ?? '', (value) => {
    const trimmed = value.trim();
    if (trimmed.length !== 1 && trimmed !== (filters.q ?? ''))
      onChange({ q: trimmed || undefined });
  });
  const [tag, setTag] = useSettledText(filters.tag ?? '', (value) => {
    const trimmed = value.trim();
    if (trimmed !== (filters.tag ?? '')) onChange({ tag: trimmed || undefined });
  });
  const tooShort = q.trim().length === 1;

  return (
    <div className="filters" role="search" aria-label="Search and filter contacts">
      <div className="search-field">
        <label className="search-box">
          <Icon name="search" size={16} />
          <span className="sr-only">Search contacts</span>
          <input
            type="search"
            placeholder="Search name, e-mail, company, phone…"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={tooShort ? 'search-hint' : undefined}
          />
        </label>
        {tooShort && (
          <span id="search-hint" className="field-hint search-hint">
            Type at least 2 characters
          </span>
        )}
      </div>
      <div className="filter">
        <select
          aria-label="Status"
          value={filters.status ?? ''}
          onChange={(e) =>
            onChange({ status: (e.target.value || undefined) as ContactListFilters['status'] })
          }
        >
          <option value="">All statuses</option>
          {statusOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <select
          aria-label="Type"
          value={filters.type ?? ''}
          onChange={(e) =>
            onChange({ type: (e.target.value || undefined) as ContactListFilters['type'] })
          }
        >
          <option value="">All types</option>
          {typeOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <select
          aria-label="Visibility"
          value={filters.visibility ?? ''}
          onChange={(e) =>
            onChange({
              visibility: (e.target.value || undefined) as ContactListFilters['visibility'],
            })
          }
        >
          <option value="">All visibility</option>
          {visibilityOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter filter-tag">
        <input
          aria-label="Tag"
          type="text"
          placeholder="Tag"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
        />
      </div>
      <div className="filter">
        <select
          aria-label="Sort"
          value={filters.sort ?? '-createdAt'}
          onChange={(e) => onChange({ sort: e.target.value as Sort })}
        >
          {contactSorts.map((s) => (
            <option key={s} value={s}>
              {sortLabels[s]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
