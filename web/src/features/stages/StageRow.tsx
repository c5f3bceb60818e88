import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { fieldErrors, errorMessage } from '../../lib/api';
import { useUpdateStage, type Stage } from './api';

type Draft = { name: string; color: string; probability: string; isWon: boolean; isLost: boolean };
const draftOf = (s: Stage): Draft => ({
  name: s.name,
  color: s.color,
  probability: String(s.probability),
  isWon: s.isWon,
  isLost: s.isLost,
});

/** One stage, editable in place; the handle drags it (or Space + arrows). */
export function StageRow({ stage, onDelete }: { stage: Stage; onDelete: (stage: Stage) => void }) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: stage.id });
  const update = useUpdateStage();
  const [draft, setDraft] = useState(() => draftOf(stage));
  const [base, setBase] = useState(stage);
  if (base !== stage) {
    setBase(stage);
    setDraft(draftOf(stage));
  }
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(stage));
  const errors = fieldErrors(update.error);
  const save = () =>
    update.mutate({
      stage,
      changes: {
        name: draft.name,
        color: draft.color,
        probability: Number(draft.probability),
        isWon: draft.isWon,
        isLost: draft.isLost,
      },
    });

  return (
    <li
      ref={setNodeRef}
      className={`stage-row${isDragging ? ' stage-row-dragging' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-stage-row={stage.name}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="icon-button drag-handle"
        aria-label={`Reorder ${stage.name}`}
        {...attributes}
        {...listeners}
      >
        ⠿
      </button>
      <input
        type="color"
        aria-label={`Color of ${stage.name}`}
        value={
          draft.color.length === 4
            ? `#${[...draft.color.slice(1)].map((c) => c + c).join('')}`
            : draft.color
        }
        onChange={(e) => setDraft({ ...draft, color: e.target.value })}
      />
      <input
        aria-label={`Name of ${stage.name}`}
        className="stage-name"
        value={draft.name}
        aria-invalid={errors.name ? true : undefined}
        onChange={(e) => setDraft({ ...draft, name: e.target.value })}
      />
      <label className="stage-prob">
        <input
          aria-label={`Probability of ${stage.name}`}
          inputMode="numeric"
          value={draft.probability}
          onChange={(e) => setDraft({ ...draft, probability: e.target.value })}
        />
        %
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.isWon}
          onChange={(e) =>
            setDraft({
              ...draft,
              isWon: e.target.checked,
              isLost: e.target.checked ? false : draft.isLost,
            })
          }
        />
        Won
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.isLost}
          onChange={(e) =>
            setDraft({
              ...draft,
              isLost: e.target.checked,
              isWon: e.target.checked ? false : draft.isWon,
            })
          }
        />
        Lost
      </label>
      <span className="stage-slug">
        <Badge tone="gray">{stage.slug}</Badge>
      </span>
      <span className="row-actions">
        {dirty && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={update.isPending}
            onClick={save}
          >
            Save
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete ${stage.name}`}
          onClick={() => onDelete(stage)}
        >
          <Icon name="trash" size={16} />
        </button>
      </span>
      {update.isError && (
        <p className="field-error stage-error" role="alert">
          {Object.values(errors)[0] ?? errorMessage(update.error)}
        </p>
      )}
    </li>
  );
}
