import { useState, type KeyboardEvent } from 'react';

type TagInputProps = {
  id: string;
  value: string[];
  onChange: (tags: string[]) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

/** Tags as chips: Enter or comma adds one, Backspace on an empty box removes the last. */
export function TagInput({ id, value, onChange, ...aria }: TagInputProps) {
  const [draft, setDraft] = useState('');

  function add(text: string) {
    const tags = text
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.length) onChange([...new Set([...value, ...tags])]);
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.key === 'Enter' || event.key === ',') && draft.trim()) {
      event.preventDefault();
      add(draft);
    } else if (event.key === 'Backspace' && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="tag-input">
      {value.map((tag) => (
        <span key={tag} className="chip">
          {tag}
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove tag ${tag}`}
            onClick={() => onChange(value.filter((t) => t !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        className="tag-entry"
        id={id}
        {...aria}
        value={draft}
        placeholder={value.length ? '' : 'Type a tag and press Enter'}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => draft.trim() && add(draft)}
      />
    </div>
  );
}
