import { useState, type FormEvent } from 'react';
import { Notice } from '../../components/Notice';
import { ApiError, errorMessage } from '../../lib/api';
import type { Mapping } from './mapping';
import { useSaveMapping } from './mappingApi';

/** "Save this mapping" under a name, to offer it for the next file with the same headers. */
export function SaveMapping({ mapping }: { mapping: Mapping }) {
  const save = useSaveMapping();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ name: name.trim(), mapping });
  };
  if (save.isSuccess) {
    return <Notice tone="success">Mapping saved as “{save.data.name}”.</Notice>;
  }
  const taken = save.error instanceof ApiError && save.error.status === 409;
  return (
    <form className="save-mapping" onSubmit={submit} aria-label="Save this mapping">
      <label className="save-mapping-label" htmlFor="save-mapping-name">
        Save this mapping as
      </label>
      <div className="save-mapping-row">
        <input
          id="save-mapping-name"
          value={name}
          maxLength={100}
          placeholder="e.g. Google Contacts"
          aria-invalid={save.isError || undefined}
          aria-describedby={save.isError ? 'save-mapping-error' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn" disabled={!name.trim() || save.isPending}>
          Save this mapping
        </button>
      </div>
      {save.isError && (
        <p className="field-error" id="save-mapping-error" role="alert">
          {taken
            ? 'A saved mapping already has this name; choose another.'
            : errorMessage(save.error)}
        </p>
      )}
    </form>
  );
}
