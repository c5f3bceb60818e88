import { useState } from 'react';
import { ErrorNotice, Notice } from '../../components/Notice';
import { usePreview, type Template } from './api';
import { RecordPicker, type Target } from './RecordPicker';

/** The saved template rendered against a chosen contact/deal, shown as plain (escaped) text. */
export function PreviewPanel({ template, dirty }: { template: Template; dirty: boolean }) {
  const [target, setTarget] = useState<Target>({ contactId: '', dealId: '' });
  const input = {
    ...(target.contactId ? { contactId: target.contactId } : {}),
    ...(target.dealId ? { dealId: target.dealId } : {}),
  };
  const preview = usePreview(template.id, input);
  const r = preview.data;
  return (
    <section className="card card-padded preview-panel" aria-labelledby="preview-heading">
      <h3 id="preview-heading">Live preview</h3>
      <RecordPicker value={target} onChange={setTarget} />
      {dirty && <Notice tone="info">Save to preview your latest changes.</Notice>}
      <ErrorNotice error={preview.error} />
      {r && (
        <div className="rendered" aria-live="polite">
          {r.subject !== null && (
            <p className="rendered-subject">
              <span className="muted">Subject: </span>
              <span data-testid="preview-subject">{r.subject}</span>
            </p>
          )}
          <div className="rendered-body" data-testid="preview-body">
            {r.body}
          </div>
          {r.missing.length > 0 && (
            <p className="muted small">
              Empty for this record: {r.missing.map((m) => `{{${m}}}`).join(', ')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
