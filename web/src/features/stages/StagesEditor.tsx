import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { ErrorNotice, Notice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { errorMessage, fieldErrors } from '../../lib/api';
import { useCreateStage, useDeleteStage, useReorderStages, useStageList, type Stage } from './api';
import { StageRow } from './StageRow';
import './stages.css';

function AddStage() {
  const create = useCreateStage();
  const [name, setName] = useState('');
  const [color, setColor] = useState('#6366f1');
  const [probability, setProbability] = useState('50');
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, color, probability: Number(probability) },
      { onSuccess: () => setName('') },
    );
  };
  return (
    <form className="stage-add" onSubmit={submit} aria-label="Add a stage">
      <input
        type="color"
        aria-label="New stage color"
        value={color}
        onChange={(e) => setColor(e.target.value)}
      />
      <input
        aria-label="New stage name"
        placeholder="New stage, e.g. Demo Scheduled"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <label className="stage-prob">
        <input
          aria-label="New stage probability"
          inputMode="numeric"
          value={probability}
          onChange={(e) => setProbability(e.target.value)}
        />
        %
      </label>
      <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()}>
        <Icon name="plus" size={16} /> Add stage
      </button>
      {create.isError && (
        <p className="field-error" role="alert">
          {Object.values(errors)[0] ?? errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}

/** Org admins: add, rename, recolor, set probability and won/lost, reorder and delete stages. */
export function StagesEditor() {
  const stages = useStageList();
  const reorder = useReorderStages();
  const remove = useDeleteStage();
  const [deleting, setDeleting] = useState<Stage | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const list = stages.data ?? [];
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = list.findIndex((s) => s.id === active.id);
    const to = list.findIndex((s) => s.id === over.id);
    if (from < 0 || to < 0) return;
    reorder.mutate(arrayMove(list, from, to));
  };

  return (
    <section className="card card-padded stages-editor" aria-labelledby="stages-heading">
      <h3 id="stages-heading">Pipeline stages</h3>
      <p className="muted">
        Columns of the board, left to right. Drag the handle to reorder. A stage with deals cannot
        be deleted: move its deals first. Deleted stages stay in the deals' history.
      </p>
      {reorder.isError && (
        <Notice tone="error">The order was put back: {errorMessage(reorder.error)}</Notice>
      )}
      <ErrorNotice error={stages.error} />
      {stages.isPending ? (
        <Spinner label="Loading stages…" />
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={list.map((s) => s.id)} strategy={verticalListSortingStrategy}>
            <ol className="stage-list" aria-label="Stages in pipeline order">
              {list.map((stage) => (
                <StageRow key={stage.id} stage={stage} onDelete={setDeleting} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      <AddStage />
      {deleting && (
        <ConfirmDialog
          title={`Delete the stage ${deleting.name}?`}
          confirmLabel="Delete stage"
          danger
          pending={remove.isPending}
          error={remove.error}
          onClose={() => {
            setDeleting(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
        >
          The column leaves the board. Deals that were once in it keep it in their history.
        </ConfirmDialog>
      )}
    </section>
  );
}
