import { Badge } from '../../components/Badge';
import { formatCount } from '../../lib/format';
import { importErrorsUrl, type ImportJob, type ImportResult } from './api';
import type { CsvPreview } from './columns';

/** Which column goes to which contact field, with sample values. */
export function MappingTable({ preview }: { preview: CsvPreview }) {
  return (
    <table className="table mapping-table" aria-label="Column mapping">
      <thead>
        <tr>
          <th scope="col">CSV column</th>
          <th scope="col">Contact field</th>
          <th scope="col">Sample</th>
        </tr>
      </thead>
      <tbody>
        {preview.columns.map((c, i) => (
          <tr key={`${c.header}-${i}`}>
            <td className="strong">{c.header || <span className="muted">(empty)</span>}</td>
            <td>
              {c.field ? <Badge tone="green">{c.field}</Badge> : <Badge tone="gray">ignored</Badge>}
            </td>
            <td className="muted truncate">{c.samples.filter(Boolean).join(' · ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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
        <p className="row-errors">
          <a href={importErrorsUrl(result.id)} download>
            Download the {formatCount(errorCount)} skipped rows (CSV with the reason), fix them and
            import again
          </a>
        </p>
      )}
      {errors.length > 0 && (
        <div className="row-errors">
          <h4>Rows that {dryRun ? 'would be' : 'were'} skipped</h4>
          <ul>
            {errors.slice(0, 100).map((e) => (
              <li key={`${e.row}-${e.message}`}>
                <span className="strong">Row {e.row}:</span> {e.message}
              </li>
            ))}
          </ul>
          {errorCount > 100 && (
            <p className="muted small">…and {formatCount(errorCount - 100)} more.</p>
          )}
        </div>
      )}
    </div>
  );
}

/** The running job's progress: bytes read of the file, rows processed. */
export function ImportProgress({ job }: { job: ImportJob | undefined }) {
  const pct = job && job.bytesTotal > 0 ? Math.round((job.bytesRead / job.bytesTotal) * 100) : 0;
  const done = job?.status === 'done';
  return (
    <div className="import-progress">
      <progress max={100} value={done ? 100 : pct} aria-label="Import progress" />
      <p className="muted" aria-live="polite">
        {!job || job.status === 'queued'
          ? 'Waiting to start…'
          : done
            ? `Finished: ${formatCount(job.processed)} rows processed.`
            : job.status === 'failed'
              ? `The import failed: ${job.failure ?? 'unknown error'}`
              : `${pct}% · ${formatCount(job.processed)} rows processed…`}
      </p>
    </div>
  );
}
