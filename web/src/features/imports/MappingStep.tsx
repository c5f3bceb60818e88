import { useMemo } from 'react';
import { Notice } from '../../components/Notice';
import { ApiError } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { hasFeature } from '../../lib/permissions';
import { may, useMe } from '../../lib/session';
import type { Inspection } from './api';
import { FieldPicker } from './FieldPicker';
import { applySaved, bestSavedMapping, mappingOf, mappingProblems, type Target } from './mapping';
import { useCustomFieldList, useSavedMappings } from './mappingApi';
import { SaveMapping } from './SaveMapping';

/** The server's refusals of the mapping, by the column they name (`mapping.<header>`). */
export function mappingErrors(error: unknown): { header: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors
    .filter((e) => e.path.startsWith('mapping.'))
    .map((e) => ({ header: e.path.slice(8), message: e.message }));
}

/**
 * Step 2: each column with its samples and a field picker (the server's
 * suggestion preselected); what would be refused is said before any request.
 */
export function MappingStep({
  inspection,
  targets,
  serverError,
  onChange,
}: {
  inspection: Inspection;
  targets: Target[];
  serverError: unknown;
  onChange: (targets: Target[]) => void;
}) {
  const me = useMe();
  const customFields = useCustomFieldList();
  const saved = useSavedMappings();
  const fields = useMemo(() => customFields.data ?? [], [customFields.data]);
  const labels = useMemo(() => new Map(fields.map((f) => [f.key, f.label])), [fields]);
  const headers = inspection.columns.map((c) => c.header);
  const offer = bestSavedMapping(saved.data ?? [], headers);
  const offerApplied =
    offer !== null && applySaved(offer.mapping, headers).every((t, i) => t === targets[i]);
  const problems = mappingProblems(targets, labels);
  const refused = mappingErrors(serverError);
  const canCreate = may(me, 'org.manage') && hasFeature(me, 'custom_fields');
  const set = (i: number, t: Target) => onChange(targets.map((old, j) => (j === i ? t : old)));

  return (
    <div className="form mapping-step">
      <p className="muted">
        {formatCount(inspection.columns.length)} columns ·{' '}
        {inspection.rowsEstimated ? 'about ' : ''}
        {formatCount(inspection.rows)} {inspection.rows === 1 ? 'row' : 'rows'}. Choose where each
        column goes; nothing is saved until you import.
      </p>
      {offer && (
        <div className="saved-offer">
          {offerApplied ? (
            <Notice tone="success">Using the saved mapping “{offer.name}”.</Notice>
          ) : (
            <button
              type="button"
              className="btn"
              onClick={() => onChange(applySaved(offer.mapping, headers))}
            >
              Use saved mapping: {offer.name}
            </button>
          )}
        </div>
      )}
      {(problems.missing.length > 0 || problems.twice.length > 0) && (
        <Notice tone="warning">
          {problems.missing.length > 0 && (
            <span className="block">
              Map a column to: {problems.missing.join('; ')}. Every contact needs them.
            </span>
          )}
          {problems.twice.length > 0 && (
            <span className="block">
              Picked for more than one column: {problems.twice.join(', ')}. Keep one.
            </span>
          )}
        </Notice>
      )}
      {refused.length > 0 && (
        <Notice tone="error">
          The server refused the mapping:{' '}
          {refused.map((r) => `${r.header}: ${r.message}`).join('; ')}
        </Notice>
      )}
      <table className="table mapping-table" aria-label="Column mapping">
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">Sample values</th>
            <th scope="col">Goes to</th>
          </tr>
        </thead>
        <tbody>
          {inspection.columns.map((c, i) => (
            <tr key={c.index} className={targets[i] === null ? 'skipped' : undefined}>
              <th scope="row" className="mapping-header">
                {c.header || <span className="muted">(no header)</span>}
              </th>
              <td className="mapping-samples">
                {c.samples.length > 0 ? (
                  <ul>
                    {c.samples.slice(0, 3).map((s, k) => (
                      <li key={k}>{s}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">(empty)</span>
                )}
              </td>
              <td className="mapping-target">
                <FieldPicker
                  id={`map-${c.index}`}
                  header={c.header}
                  value={targets[i] ?? null}
                  customFields={fields}
                  canCreate={canCreate}
                  onChange={(t) => set(i, t)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="save-mapping-details">
        <summary>Save this mapping for the next file</summary>
        <SaveMapping mapping={mappingOf(headers, targets)} />
      </details>
    </div>
  );
}
