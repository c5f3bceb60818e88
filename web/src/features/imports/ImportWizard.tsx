import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import {
  useDryRun,
  useImportJob,
  useInspect,
  useStartImport,
  type Inspection,
  type OnDuplicate,
} from './api';
import { ImportProgress, ResultSummary, UndoImport } from './ImportSteps';
import { mappingErrors, MappingStep } from './MappingStep';
import { mappingOf, mappingProblems, type Target } from './mapping';
import { SaveMapping } from './SaveMapping';
import { UploadStep } from './UploadStep';
import './imports.css';

type Step = 'upload' | 'map' | 'check' | 'import';
const steps: { id: Step; label: string }[] = [
  { id: 'upload', label: 'Upload' },
  { id: 'map', label: 'Map columns' },
  { id: 'check', label: 'Dry run' },
  { id: 'import', label: 'Import' },
];
const duplicateModes: { value: OnDuplicate; label: string; help: string }[] = [
  { value: 'skip', label: 'Skip', help: 'Keep the existing contact; the row is skipped.' },
  { value: 'update', label: 'Update', help: "Fill the existing contact with the row's values." },
  { value: 'create', label: 'Create anyway', help: 'Add a second contact with the same e-mail.' },
];

const importLabel = (result: { created: number; updated: number } | undefined) => {
  if (!result) return 'Import';
  const n = result.created + result.updated;
  return `Import ${formatCount(n)} contact${n === 1 ? '' : 's'}`;
};

/** Whether the dry run found anything to write: importing nothing is not offered. */
const writes = (result: { created: number; updated: number } | undefined) =>
  result !== undefined && result.created + result.updated > 0;

const suggested = (inspection: Inspection): Target[] => inspection.columns.map((c) => c.suggestion);

/**
 * Upload a CSV or XLSX file, map its columns (the server suggests), dry-run
 * it, import it with live progress, then download the failed rows or undo.
 */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [targets, setTargets] = useState<Target[]>([]);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  const inspect = useInspect();
  const dryRun = useDryRun();
  const start = useStartImport();
  const job = useImportJob(start.data?.id);
  const finished = job.data?.status === 'done' || job.data?.status === 'failed';
  const inspection = inspect.data;
  const headers = inspection?.columns.map((c) => c.header) ?? [];
  const mapping = mappingOf(headers, targets);
  const problems = mappingProblems(targets);
  const mappable = problems.missing.length === 0 && problems.twice.length === 0;

  const read = (f: File | null, s: string) => {
    setFile(f);
    setSheet(s);
    dryRun.reset();
    if (!f) return inspect.reset();
    inspect.mutate({ file: f, sheet: s }, { onSuccess: (i) => setTargets(suggested(i)) });
  };
  const check = (mode: OnDuplicate) => {
    setOnDuplicate(mode);
    if (!file) return;
    dryRun.mutate(
      { file, sheet, mapping, onDuplicate: mode },
      { onError: (e) => mappingErrors(e).length > 0 && setStep('map') },
    );
  };

  const next = (label: string, disabled: boolean, onClick: () => void) => (
    <button type="button" className="btn btn-primary" disabled={disabled} onClick={onClick}>
      {label}
    </button>
  );
  const back = (to: Step) => (
    <button type="button" className="btn" onClick={() => setStep(to)}>
      Back
    </button>
  );
  const footer = (
    <>
      <button type="button" className="btn" onClick={onClose}>
        {finished ? 'Close' : 'Cancel'}
      </button>
      {step === 'upload' &&
        next('Next: map columns', !inspection || inspect.isPending, () => setStep('map'))}
      {step === 'map' && (
        <>
          {back('upload')}
          {next('Next: dry run', !mappable, () => {
            setStep('check');
            check(onDuplicate);
          })}
        </>
      )}
      {step === 'import' && start.isError && back('check')}
      {step === 'check' && (
        <>
          {back('map')}
          {next(importLabel(dryRun.data), !writes(dryRun.data) || start.isPending, () => {
            if (!file) return;
            setStep('import');
            // A mapping the file cannot take goes back to the table that names the column.
            start.mutate(
              { file, sheet, mapping, onDuplicate },
              { onError: (e) => mappingErrors(e).length > 0 && setStep('map') },
            );
          })}
        </>
      )}
    </>
  );

  return (
    <Dialog open size="large" title="Import contacts" onClose={onClose} footer={footer}>
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
        <UploadStep
          file={file}
          sheet={sheet}
          inspection={inspection}
          pending={inspect.isPending}
          error={inspect.error}
          onFile={(f) => read(f, '')}
          onSheet={(s) => read(file, s)}
        />
      )}
      {step === 'map' && inspection && (
        <MappingStep
          inspection={inspection}
          targets={targets}
          serverError={dryRun.error ?? start.error}
          onChange={(t) => {
            setTargets(t);
            dryRun.reset();
            start.reset();
          }}
        />
      )}
      {step === 'check' && (
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
          {!start.isError && <ImportProgress job={job.data} />}
          {job.data?.status === 'done' && (
            <>
              <ResultSummary result={job.data} dryRun={false} />
              <SaveMapping mapping={mapping} />
              <div className="import-actions">
                <UndoImport job={job.data} />
              </div>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
