import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearch, useSearchParams } from 'wouter';
import { contactSorts } from '@server/contacts/schema';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../lib/format';
import { may, useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { useContactList, type ContactListFilters } from './api';
import { AddContactDialog } from './ContactFormDialog';
import { ContactFilters } from './ContactFilters';
import { ContactsTable } from './ContactsTable';
import { visibilityOptions, type Visibility } from '../../lib/visibility';
import { statusOptions, typeOptions } from './labels';

const filterKeys = ['q', 'status', 'type', 'visibility', 'tag', 'sort'] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/** The filters live in the address, so a search can be shared and survives Back. */
function useFiltersInUrl() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<ContactListFilters>(() => {
    const q = params.get('q')?.trim();
    const tag = params.get('tag')?.trim();
    return {
      q: q && q.length >= 2 ? q : undefined,
      status: oneOf(
        params.get('status'),
        statusOptions.map((o) => o.value),
      ),
      type: oneOf(
        params.get('type'),
        typeOptions.map((o) => o.value),
      ),
      visibility: oneOf(
        params.get('visibility'),
        visibilityOptions.map((o) => o.value),
      ),
      tag: tag || undefined,
      sort: oneOf(params.get('sort'), contactSorts),
    };
  }, [params]);
  const update = useCallback(
    (changes: Partial<ContactListFilters>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const key of filterKeys) {
            if (!(key in changes)) continue;
            const value = changes[key];
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, update] as const;
}

const noFilters: ContactListFilters = {
  q: undefined,
  status: undefined,
  type: undefined,
  visibility: undefined,
  tag: undefined,
};

/** The list's address with its last filters, for links back to it from a contact. */
let lastListSearch = '';
export const contactsListHref = () => `/crm/contacts${lastListSearch}`;

type ContactsPageProps = {
  /** Extra toolbar actions for the current filters (import, export). */
  tools?: (filters: ContactListFilters) => ReactNode;
  /**
   * Bulk actions for the selected contacts; when given, rows get checkboxes.
   * `levels` are the visibilities of the selected contacts that are loaded (for the confirmation).
   */
  bulk?: (selectedIds: string[], clear: () => void, levels: Visibility[]) => ReactNode;
};

export function ContactsPage({ tools, bulk }: ContactsPageProps = {}) {
  useTitle('Contacts');
  const me = useMe();
  const [filters, setFilters] = useFiltersInUrl();
  const list = useContactList(filters);
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const clearSelection = useCallback(() => setSelected([]), []);
  const [filterKey, setFilterKey] = useState(0);
  const search = useSearch();
  useEffect(() => {
    lastListSearch = search ? `?${search}` : '';
  }, [search]);
  const contacts = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const filtered = Boolean(
    filters.q || filters.status || filters.type || filters.visibility || filters.tag,
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <section aria-labelledby="contacts-heading" className="contacts-page">
      <div className="section-header">
        <div>
          <h2 id="contacts-heading">Contacts</h2>
          <div className="summary">
            <p className="muted" aria-live="polite">
              {list.isPending
                ? 'Loading…'
                : `${formatCount(contacts.length)}${hasNextPage ? '+' : ''} ${
                    filtered ? 'matching ' : ''
                  }contact${contacts.length === 1 ? '' : 's'}`}
              {list.isFetching && !list.isPending && !isFetchingNextPage && ' · updating…'}
            </p>
            {filtered && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setFilters(noFilters);
                  setFilterKey((k) => k + 1);
                }}
              >
                Clear filters
              </button>
            )}
          </div>
        </div>
        <div className="toolbar">
          {tools?.(filters)}
          {may(me, 'contact.create') && (
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
              <Icon name="plus" size={16} /> Add contact
            </button>
          )}
        </div>
      </div>
      <ContactFilters key={filterKey} filters={filters} onChange={setFilters} />
      {bulk &&
        selected.length > 0 &&
        bulk(
          selected,
          clearSelection,
          contacts.filter((c) => selected.includes(c.id)).map((c) => c.visibility),
        )}
      <ErrorNotice error={list.error} />
      {list.isPending ? (
        <Spinner label="Loading contacts…" />
      ) : contacts.length === 0 ? (
        <div className="card">
          <EmptyState title={filtered ? 'No contact matches' : 'No contacts yet'}>
            <p>
              {filtered
                ? 'Try another search or clear the filters.'
                : 'Add your first contact to start building your pipeline.'}
            </p>
          </EmptyState>
        </div>
      ) : (
        <ContactsTable
          contacts={contacts}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          {...(bulk ? { selectedIds: selected, onSelectionChange: setSelected } : {})}
        />
      )}
      {adding && <AddContactDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
