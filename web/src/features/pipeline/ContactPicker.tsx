import { useState } from 'react';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { useContactChoices } from './api';

type Props = {
  id: string;
  value: string;
  initialLabel: string | null;
  invalid?: boolean;
  describedBy?: string;
  onChange: (id: string) => void;
};

/** Picks the deal's contact: type 2+ letters to search, then choose. */
export function ContactPicker({ id, value, initialLabel, invalid, describedBy, onChange }: Props) {
  const [q, setQ] = useState('');
  const query = useDebouncedValue(q, 250);
  const choices = useContactChoices(query);
  const options = choices.data ?? [];
  const hasCurrent = options.some((c) => c.id === value);
  return (
    <div className="contact-picker">
      <input
        type="search"
        aria-label="Search contacts"
        placeholder="Search contacts…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <select
        id={id}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{choices.isPending ? 'Loading…' : 'Choose a contact'}</option>
        {value && !hasCurrent && <option value={value}>{initialLabel ?? 'Current contact'}</option>}
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.firstName} {c.lastName}
            {c.company ? ` · ${c.company}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
