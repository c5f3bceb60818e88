import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, Notice } from '../../components/Notice';
import { useDryRun, useImportJob, useStartImport, type OnDuplicate } from './api';
import { previewCsv, type CsvPreview } from './columns';
import { ImportProgress, MappingTable, ResultSummary } from './ImportSteps';
import './imports.css';

type Step = 'upload' | 'check' | 'import';
const steps: { id: Step; label: string }[] = [
  { id: 'upload', label: 'Upload' },
  { id: 'check', label: 'Map & dry run' },
  { id: 'import', label: 'Import' },
];
const duplicateModes: { value: OnDuplicate; label: string; help: string }[] = [
  { value: 'skip', label: 'Skip', help: 'Keep the existing contact; the row is skipped.' },
  { value: 'update', label: 'Update', help: "Fill the existing contact with the row's values." },
  { value: 'create', label: 'Create anyway', help: 'Add a second contact with the same e-mail.' },
];
const maxBytes = 50 * 1024 * 1024;

/** Upload a CSV, see the column mapping, dry-run it, choose what duplicates do, import with progress. */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<{ name: string; text: string; preview: CsvPreview } | null>(
    null,
  );
  const [readError, setReadError] = useState<string | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  const dryRun = useDryRun();
  const start = useStartImport();
  const job = useImportJob(start.data?.id);
  const finished = job.data?.status === 'done' || job.data?.status === 'failed';

  const choose = async (f: File | undefined) => {
    setReadError(null);
    dryRun.reset();
    if (!f) return setFile(null);
    if (f.size > maxBytes) return setReadError('The file is larger than 50 MB.');
    const text = await f.text();
    const preview = previewCsv(text);
    if (preview.columns.length === 0) return setReadError('The file has no header row.');
    setFile({ name: f.name, text, preview });
  };
  const check = (mode: OnDuplicate) => {
    setOnDuplicate(mode);
    if (file) dryRun.mutate({ csv: file.text, onDuplicate: mode });
  };

  const footer = (
    <>
      <button type="button" className="btn" onClick={onClose}>
        {finished ? 'Close' : 'Cancel'}
      </button>
      {step === 'upload' && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={!file}
          onClick={() => {
            setStep('check');
            check(onDuplicate);
          }}
        >
          Next: check the file
        </button>
      )}
      {step === 'check' && (
        <>
          <button type="button" className="btn" onClick={() => setStep('upload')}>
            Back
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!dryRun.isSuccess || start.isPending}
            onClick={() => {
              if (!file) return;
              setStep('import');
              start.mutate({ csv: file.text, onDuplicate });
            }}
          >
            Import {dryRun.data ? dryRun.data.created + dryRun.data.updated : ''} contacts
          </button>
        </>
      )}
    </>
  );

  return (
    <Dialog open size="large" title="Import contacts from CSV" onClose={onClose} footer={footer}>
      <ol className="wizard-steps" aria-label="Steps">
        {steps.map((s, i) => (
          <li
            key={s.id}
            className={s.id === step ? 'current' : undefined}
            aria-current={s.id === step ? 'step' : undefined}
          >
            {i + 1}. {s.label}
          </li>
        ))}
      </ol>
      {step === 'upload' && (
        <div className="form">
          <label className="field">
            <span className="strong">CSV file</span>
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
          </label>
          <p className="muted small">
            UTF-8, a header row first. Columns such as First Name, Last Name, Email, Phone, Company
            and Tags (comma- or semicolon-separated) are recognized; an export from this CRM imports
            back unchanged.
          </p>
          {readError && <Notice tone="error">{readError}</Notice>}
          {file && (
            <>
              <p>
                <span className="strong">{file.name}</span> · {file.preview.rowCount} rows
              </p>
              {file.preview.missingRequired.length > 0 && (
                <Notice tone="warning">
                  No column found for: {file.preview.missingRequired.join(', ')}. Those rows will be
                  refused.
                </Notice>
              )}
              <MappingTable preview={file.preview} />
            </>
          )}
        </div>
      )}
      {step === 'check' && file && (
        <div className="form">
          <fieldset className="radio-group">
            <legend>When a row's e-mail matches a contact you can see</legend>
            {duplicateModes.map((m) => (
              <label key={m.value} className="radio">
                <input
                  type="radio"
                  name="duplicates"
                  checked={onDuplicate === m.value}
                  onChange={() => check(m.value)}
                />
                <span>
                  <span className="strong">{m.label}</span>{' '}
                  <span className="muted">— {m.help}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <ErrorNotice error={dryRun.error} />
          {dryRun.isPending && <p className="muted">Checking every row (nothing is saved)…</p>}
          {dryRun.data && <ResultSummary result={dryRun.data} dryRun />}
        </div>
      )}
      {step === 'import' && (
        <div className="form">
          <ErrorNotice error={start.error ?? job.error} />
          <ImportProgress job={job.data} />
          {job.data?.status === 'done' && <ResultSummary result={job.data} dryRun={false} />}
        </div>
      )}
    </Dialog>
  );
}
