import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { may, useMe } from '../../lib/session';
import { useBulkUpdate, type BulkInput } from './api';
import './imports.css';

type Status = NonNullable<NonNullable<BulkInput['set']>['status']>;
type Visibility = NonNullable<NonNullable<BulkInput['set']>['visibility']>;
const tagsOf = (text: string) =>
  text
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * Bulk actions on the selected contacts: status, tags, visibility. All or
 * nothing: if one contact cannot be changed, none is, and the API's reason shows.
 */
export function BulkBar({ selectedIds, onClear }: { selectedIds: string[]; onClear: () => void }) {
  const me = useMe();
  const bulk = useBulkUpdate();
  const [status, setStatus] = useState<Status | ''>('');
  const [visibility, setVisibility] = useState<Visibility | ''>('');
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  if (selectedIds.length === 0 || !may(me, 'contact.bulk')) return null;
  const nothing = !status && !visibility && !tagsOf(addTags).length && !tagsOf(removeTags).length;

  const apply = () => {
    const set = { ...(status ? { status } : {}), ...(visibility ? { visibility } : {}) };
    bulk.mutate(
      {
        ids: selectedIds,
        ...(Object.keys(set).length ? { set } : {}),
        ...(tagsOf(addTags).length ? { addTags: tagsOf(addTags) } : {}),
        ...(tagsOf(removeTags).length ? { removeTags: tagsOf(removeTags) } : {}),
      },
      {
        onSuccess: () => {
          setStatus('');
          setVisibility('');
          setAddTags('');
          setRemoveTags('');
        },
      },
    );
  };

  return (
    <div className="bulk-bar card" role="region" aria-label="Bulk actions">
      <span className="strong">{formatCount(selectedIds.length)} selected</span>
      <select
        aria-label="Set status"
        value={status}
        onChange={(e) => setStatus(e.target.value as Status | '')}
      >
        <option value="">Status…</option>
        <option value="active">Active</option>
        <option value="inactive">Inactive</option>
        <option value="do_not_contact">Do not contact</option>
      </select>
      <select
        aria-label="Raise visibility"
        value={visibility}
        onChange={(e) => setVisibility(e.target.value as Visibility | '')}
      >
        <option value="">Visibility…</option>
        <option value="partner">Partner</option>
        <option value="organization">Organization</option>
      </select>
      <input
        aria-label="Add tags"
        placeholder="Add tags"
        value={addTags}
        onChange={(e) => setAddTags(e.target.value)}
      />
      <input
        aria-label="Remove tags"
        placeholder="Remove tags"
        value={removeTags}
        onChange={(e) => setRemoveTags(e.target.value)}
      />
      <button
        type="button"
        className="btn btn-primary"
        disabled={nothing || bulk.isPending}
        onClick={apply}
      >
        Apply to {formatCount(selectedIds.length)}
      </button>
      <button type="button" className="btn btn-ghost" onClick={onClear}>
        Clear selection
      </button>
      {bulk.isSuccess && (
        <Notice tone="success">Updated {formatCount(bulk.data.updated)} contacts.</Notice>
      )}
      {bulk.isError && (
        <Notice tone="error">Nothing was changed: {errorMessage(bulk.error)}</Notice>
      )}
    </div>
  );
}
