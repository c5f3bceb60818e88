import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { may, useMe } from '../../lib/session';
import { visibilityLabel, visibilityOptions, visibilityRank } from '../../lib/visibility';
import { useBulkUpdate, type BulkInput } from './api';
import './imports.css';

type Status = NonNullable<NonNullable<BulkInput['set']>['status']>;
type Visibility = NonNullable<NonNullable<BulkInput['set']>['visibility']>;
const tagsOf = (text: string) =>
  text
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter(Boolean);

const contactsText = (n: number) => `${formatCount(n)} contact${n === 1 ? '' : 's'}`;

/** What a bulk commit-up will do, level by level, for the confirmation. */
function CommitSummary({
  count,
  levels,
  target,
}: {
  count: number;
  levels: Visibility[];
  target: Visibility;
}) {
  const to = visibilityLabel(target).label;
  const unknown = count - levels.length;
  const rows = visibilityOptions
    .map((o) => ({ ...o, n: levels.filter((l) => l === o.value).length }))
    .filter((o) => o.n > 0);
  return (
    <>
      <p>
        {contactsText(count)} will be visible at the <strong>{to}</strong> level (
        {visibilityLabel(target).description.toLowerCase()}).
      </p>
      <ul className="bulk-levels">
        {rows.map((o) => (
          <li key={o.value}>
            {visibilityRank[o.value] < visibilityRank[target] ? (
              <>
                {contactsText(o.n)}: {o.label} → <strong>{to}</strong>
              </>
            ) : o.value === target ? (
              <>
                {contactsText(o.n)} already at {o.label}: unchanged
              </>
            ) : (
              <>
                {contactsText(o.n)} at {o.label}, above {to}: visibility never goes down, so the
                whole change will be refused
              </>
            )}
          </li>
        ))}
        {unknown > 0 && (
          <li>
            {contactsText(unknown)} not loaded in the list: raised to {to}
          </li>
        )}
      </ul>
      <Notice tone="warning">
        <strong>This is permanent.</strong> Committed contacts can never be moved back down to a
        lower visibility.
      </Notice>
    </>
  );
}

/**
 * Bulk actions on the selected contacts: status, tags, visibility. All or
 * nothing: if one contact cannot be changed, none is, and the API's reason shows.
 * Raising visibility is permanent, so it asks first, with the count and the levels.
 */
export function BulkBar({
  selectedIds,
  levels = [],
  onClear,
}: {
  selectedIds: string[];
  /** The current visibilities of the selected contacts the list has loaded. */
  levels?: Visibility[];
  onClear: () => void;
}) {
  const me = useMe();
  const bulk = useBulkUpdate();
  const [confirming, setConfirming] = useState(false);
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
        onSettled: () => setConfirming(false),
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
        onClick={() => (visibility ? setConfirming(true) : apply())}
      >
        Apply to {formatCount(selectedIds.length)}
      </button>
      <button type="button" className="btn btn-ghost" onClick={onClear}>
        Clear selection
      </button>
      {bulk.isSuccess && (
        <Notice tone="success">Updated {formatCount(bulk.data.updated)} contacts.</Notice>
      )}
      {bulk.isError && !confirming && (
        <Notice tone="error">Nothing was changed: {errorMessage(bulk.error)}</Notice>
      )}
      {confirming && visibility && (
        <ConfirmDialog
          title={`Commit ${contactsText(selectedIds.length)} up to ${visibilityLabel(visibility).label}?`}
          confirmLabel={`Commit ${contactsText(selectedIds.length)} up`}
          pending={bulk.isPending}
          onClose={() => setConfirming(false)}
          onConfirm={apply}
        >
          <CommitSummary count={selectedIds.length} levels={levels} target={visibility} />
        </ConfirmDialog>
      )}
    </div>
  );
}
