import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatRelative } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useTemplateList, type Template, type TemplateCategory } from './api';
import { TemplateEditor } from './TemplateEditor';
import './templates.css';

const groups: { value: TemplateCategory; label: string }[] = [
  { value: 'email', label: 'E-mail' },
  { value: 'sms', label: 'SMS' },
  { value: 'note', label: 'Notes' },
];

/** Templates by category with use counts; the editor and preview beside the list. */
export function TemplatesPage() {
  useTitle('Templates');
  const list = useTemplateList();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const templates = list.data ?? [];
  const current = templates.find((t) => t.id === selected);

  return (
    <section className="templates-page" aria-labelledby="templates-heading">
      <div className="section-header">
        <div>
          <h2 id="templates-heading">Templates</h2>
          <p className="muted">
            Reusable messages; variables such as {'{{first_name}}'} fill in from a contact and deal.
          </p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
          <Icon name="plus" size={16} /> New template
        </button>
      </div>
      <ErrorNotice error={list.error} />
      <div className="templates-layout">
        <nav className="card template-list" aria-label="Templates">
          {list.isPending && <Spinner label="Loading templates…" />}
          {!list.isPending && templates.length === 0 && (
            <EmptyState title="No templates yet">
              <p>Create one for your common outreach.</p>
            </EmptyState>
          )}
          {groups.map((g) => {
            const items = templates.filter((t) => t.category === g.value);
            if (!items.length) return null;
            return (
              <div key={g.value} className="template-group">
                <h3>
                  {g.label} <span className="muted">({items.length})</span>
                </h3>
                <ul>
                  {items.map((t: Template) => (
                    <li key={t.id}>
                      <button
                        type="button"
                        className={`template-item${t.id === selected ? ' active' : ''}`}
                        aria-current={t.id === selected ? 'true' : undefined}
                        onClick={() => setSelected(t.id)}
                      >
                        <span className="strong truncate">{t.name}</span>
                        <span className="template-item-meta">
                          <Badge tone={t.visibility === 'organization' ? 'teal' : 'gray'}>
                            {t.visibility === 'organization' ? 'Shared' : 'Private'}
                          </Badge>
                          <span className="muted small" aria-label={`used ${t.useCount} times`}>
                            {t.useCount} uses
                            {t.lastUsedAt ? ` · ${formatRelative(t.lastUsedAt)}` : ''}
                          </span>
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <div className="template-main">
          {selected === 'new' || current ? (
            <TemplateEditor
              key={current ? `${current.id}-${current.version}` : 'new'}
              template={current}
              onSaved={(t) => setSelected(t.id)}
              onDeleted={() => setSelected(null)}
            />
          ) : (
            <div className="card">
              <EmptyState title="Choose a template">
                <p>Pick one on the left to edit and preview it, or create a new one.</p>
              </EmptyState>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
