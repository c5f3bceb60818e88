import { useState } from 'react';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { useContactOptions, useDealOptions } from './api';

export type Target = { contactId: string; dealId: string };

/** Chooses a contact (search 2+ letters) and optionally one of its deals. */
export function RecordPicker({
  value,
  onChange,
}: {
  value: Target;
  onChange: (t: Target) => void;
}) {
  const [q, setQ] = useState('');
  const query = useDebouncedValue(q, 250);
  const contacts = useContactOptions(query);
  const deals = useDealOptions(value.contactId);
  return (
    <div className="record-picker">
      <input
        type="search"
        aria-label="Search a contact to preview with"
        placeholder="Search contacts…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <select
        aria-label="Preview contact"
        value={value.contactId}
        onChange={(e) => onChange({ contactId: e.target.value, dealId: '' })}
      >
        <option value="">Example data (no contact)</option>
        {(contacts.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.firstName} {c.lastName}
            {c.company ? ` · ${c.company}` : ''}
          </option>
        ))}
      </select>
      <select
        aria-label="Preview deal"
        value={value.dealId}
        disabled={!value.contactId}
        onChange={(e) => onChange({ ...value, dealId: e.target.value })}
      >
        <option value="">No deal</option>
        {(deals.data ?? []).map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </select>
    </div>
  );
}
