import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { ErrorNotice, Notice } from '../../components/Notice';
import { useDealContact, usePreview, useTemplateList, useUseTemplate } from './api';
import './templates.css';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function UseTemplateDialog({
  contactId,
  dealId,
  onClose,
}: {
  contactId: string;
  dealId?: string;
  onClose: () => void;
}) {
  const templates = useTemplateList();
  const [templateId, setTemplateId] = useState('');
  const target = { contactId, ...(dealId ? { dealId } : {}) };
  const preview = usePreview(templateId || undefined, target);
  const use = useUseTemplate();
  const [copied, setCopied] = useState<boolean | null>(null);
  const r = use.data ?? preview.data;
  const run = () =>
    use.mutate(
      { templateId, input: target },
      {
        onSuccess: async (used) =>
          setCopied(await copy(used.subject ? `${used.subject}\n\n${used.body}` : used.body)),
      },
    );
  return (
    <Dialog
      open
      title="Use a template"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {use.isSuccess ? 'Done' : 'Cancel'}
          </button>
          {!use.isSuccess && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={!templateId || use.isPending}
              onClick={run}
            >
              <Icon name="send" size={16} /> Copy and log
            </button>
          )}
        </>
      }
    >
      <div className="form">
        <label className="field">
          <span>Template</span>
          <select
            value={templateId}
            disabled={use.isSuccess}
            onChange={(e) => setTemplateId(e.target.value)}
          >
            <option value="">Choose a template</option>
            {(templates.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.category})
              </option>
            ))}
          </select>
        </label>
        <ErrorNotice error={preview.error ?? use.error} />
        {templateId && r && (
          <div className="rendered" aria-live="polite">
            {r.subject !== null && (
              <p className="rendered-subject">
                <span className="muted">Subject: </span>
                {r.subject}
              </p>
            )}
            <div className="rendered-body">{r.body}</div>
          </div>
        )}
        {use.isSuccess &&
          (copied ? (
            <Notice tone="success">Copied to the clipboard and logged on the timeline.</Notice>
          ) : (
            <Notice tone="warning">
              Logged on the timeline. Copy the text above by hand: the clipboard was not available.
            </Notice>
          ))}
      </div>
    </Dialog>
  );
}

/** "Use template" on a contact or a deal: render, copy to the clipboard, log `template_used`. */
export function UseTemplateButton({ contactId, dealId }: { contactId?: string; dealId?: string }) {
  const [open, setOpen] = useState(false);
  const deal = useDealContact(contactId ? undefined : dealId);
  const resolved = contactId ?? deal.data?.contactId;
  return (
    <>
      <button type="button" className="btn" disabled={!resolved} onClick={() => setOpen(true)}>
        <Icon name="template" size={16} /> Use template
      </button>
      {open && resolved && (
        <UseTemplateDialog contactId={resolved} dealId={dealId} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
