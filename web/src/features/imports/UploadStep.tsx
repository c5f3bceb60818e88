import { ErrorNotice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import type { Inspection } from './api';

/** Step 1: the file (CSV or XLSX) and, for a workbook of several sheets, which sheet. */
export function UploadStep({
  file,
  sheet,
  inspection,
  pending,
  error,
  onFile,
  onSheet,
}: {
  file: File | null;
  sheet: string;
  inspection: Inspection | undefined;
  pending: boolean;
  error: unknown;
  onFile: (file: File | null) => void;
  onSheet: (sheet: string) => void;
}) {
  const sheets = inspection?.sheets ?? [];
  return (
    <div className="form">
      <div className="field">
        <label htmlFor="import-file">CSV or Excel file</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="import-file-hint"
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
        <p className="field-hint" id="import-file-hint">
          A header row first. Exports from Google Contacts, HubSpot, Salesforce, Outlook and this
          CRM are recognized; you choose where each column goes in the next step.
        </p>
      </div>
      {sheets.length > 1 && (
        <div className="field">
          <label htmlFor="import-sheet">Sheet</label>
          <select
            id="import-sheet"
            value={sheet || sheets[0]}
            disabled={pending}
            onChange={(e) => onSheet(e.target.value)}
          >
            {sheets.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorNotice error={error} />
      {pending && <p className="muted">Reading the file…</p>}
      {file && inspection && !pending && (
        <p role="status">
          <span className="strong">{file.name}</span>: {formatCount(inspection.columns.length)}{' '}
          columns, {inspection.rowsEstimated ? 'about ' : ''}
          {formatCount(inspection.rows)} {inspection.rows === 1 ? 'row' : 'rows'}.
        </p>
      )}
    </div>
  );
}
