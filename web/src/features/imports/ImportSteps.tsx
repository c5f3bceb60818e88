import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { importErrorsUrl, useRevertImport, type ImportJob, type ImportResult } from './api';

/** The dry run lists the first bad rows; the rest are in the count. */
const shownErrors = 20;

/** Created / updated / skipped counts and the rows that were refused. */
export function ResultSummary({
  result,
  dryRun,
}: {
  result: ImportResult | ImportJob;
  dryRun: boolean;
}) {
  // A job carries only its count; its rows are downloaded (GET /imports/:id/errors.csv).
  const errors = 'errors' in result ? result.errors : [];
  const errorCount = result.errorCount;
  return (
    <div className="import-summary" data-testid={dryRun ? 'dry-run-summary' : 'import-summary'}>
      <dl className="import-counts">
        <div>
          <dt>{dryRun ? 'Would create' : 'Created'}</dt>
          <dd>{formatCount(result.created)}</dd>
        </div>
        <div>
          <dt>{dryRun ? 'Would update' : 'Updated'}</dt>
          <dd>{formatCount(result.updated)}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{formatCount(result.skipped)}</dd>
        </div>
        <div>
          <dt>Rows with errors</dt>
          <dd>{formatCount(errorCount)}</dd>
        </div>
      </dl>
      {'id' in result && errorCount > 0 && (
        <p className="download-failed">
          <a className="btn" href={importErrorsUrl(result.id)} download="failed-rows.csv">
            Download failed rows
          </a>
          <span className="muted small">
            The {plural(errorCount, 'row')} with an Import Error column saying why: fix them and
            import the file again.
          </span>
        </p>
      )}
      {errors.length > 0 && (
        <div className="row-errors">
          <h4>Rows that {dryRun ? 'would be' : 'were'} skipped</h4>
          <ul>
            {errors.slice(0, shownErrors).map((e) => (
              <li key={`${e.row}-${e.message}`}>
                <span className="strong">Row {e.row}:</span> {e.message}
              </li>
            ))}
          </ul>
          {errorCount > errors.slice(0, shownErrors).length && (
            <p className="muted small">
              …and {formatCount(errorCount - Math.min(errors.length, shownErrors))} more.
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** The running job's progress: a bar over the bytes read, and the rows processed. */
export function ImportProgress({ job }: { job: ImportJob | undefined }) {
  const done = job?.status === 'done';
  const pct = done
    ? 100
    : job && job.bytesTotal > 0
      ? Math.min(99, Math.round((job.bytesRead / job.bytesTotal) * 100))
      : 0;
  return (
    <div className="import-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%`}
      >
        <div className={`progress-fill${done ? ' done' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <p className="muted" aria-live="polite">
        {!job || job.status === 'queued'
          ? 'Waiting to start…'
          : done
            ? `Finished: ${plural(job.processed, 'row')} processed.`
            : job.status === 'failed'
              ? `The import failed: ${job.failure ?? 'unknown error'}`
              : `${pct}% · ${plural(job.processed, 'row')} processed…`}
      </p>
    </div>
  );
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * "Undo this import", after a confirmation that says what it does; then what
 * it did: contacts removed, contacts restored, and those left as they were.
 */
export function UndoImport({ job }: { job: ImportJob }) {
  const revert = useRevertImport();
  const [confirming, setConfirming] = useState(false);
  if (revert.data) {
    const r = revert.data;
    return (
      <Notice tone={r.keptCount + r.conflictCount > 0 ? 'warning' : 'success'}>
        <span className="block" data-testid="undo-result">
          Import undone: {plural(r.reverted, 'contact')} removed, {plural(r.restored, 'contact')}{' '}
          restored.
        </span>
        {r.keptCount > 0 && (
          <span className="block">
            {plural(r.keptCount, 'created contact was', 'created contacts were')} kept: a deal or an
            activity refers to {r.keptCount === 1 ? 'it' : 'them'} now,{' '}
            {r.keptCount === 1 ? 'it was' : 'they were'} edited since, or you may not delete{' '}
            {r.keptCount === 1 ? 'it' : 'them'}.
          </span>
        )}
        {r.conflictCount > 0 && (
          <span className="block">
            {plural(r.conflictCount, 'updated contact was', 'updated contacts were')} changed since
            the import (or you may not edit {r.conflictCount === 1 ? 'it' : 'them'}) and{' '}
            {r.conflictCount === 1 ? 'was' : 'were'} left as{' '}
            {r.conflictCount === 1 ? 'it is' : 'they are'}.
          </span>
        )}
      </Notice>
    );
  }
  if (job.revertedAt) return <p className="muted">This import was undone.</p>;
  if (job.created + job.updated === 0) return null;
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
        Undo this import
      </button>
      {confirming && (
        <ConfirmDialog
          title="Undo this import?"
          confirmLabel="Undo the import"
          danger
          pending={revert.isPending}
          error={revert.error}
          onClose={() => setConfirming(false)}
          onConfirm={() => revert.mutate(job.id, { onSuccess: () => setConfirming(false) })}
        >
          <p>
            This deletes the {plural(job.created, 'contact')} the import created and puts back the
            values it changed on the {plural(job.updated, 'contact')} it updated.
          </p>
          <p>
            Contacts someone changed since the import are left as they are and listed afterwards.
            The timeline keeps a record of both the import and the undo.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
