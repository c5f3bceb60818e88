import { useVariables } from './api';

/** The variable catalog as buttons; a click inserts `{{name}}` where the cursor is. */
export function VariablePicker({ onPick }: { onPick: (name: string) => void }) {
  const variables = useVariables();
  const list = (variables.data ?? []).filter((v) => !v.aliasOf);
  return (
    <div className="variable-picker" role="group" aria-label="Insert a variable">
      <span className="muted small">Insert variable:</span>
      {list.map((v) => (
        <button
          key={v.name}
          type="button"
          className="chip variable-chip"
          title={`${v.source} · e.g. ${v.example}`}
          onClick={() => onPick(v.name)}
        >
          {`{{${v.name}}}`}
        </button>
      ))}
    </div>
  );
}
