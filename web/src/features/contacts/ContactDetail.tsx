import { useState } from 'react';
import { useLocation } from 'wouter';
import { Chip } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { initials } from '../../lib/format';
import { ownerLabel, recordAction } from '../../lib/permissions';
import { useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { commitTargets } from '../../lib/visibility';
import { useContact, useCustomerChoices, useCustomFields, useDeleteContact } from './api';
import { VisibilityBadge } from '../../components/VisibilityBadge';
import { StatusBadge, TypeBadge } from './ContactBadges';
import { ContactFacts } from './ContactFacts';
import { EditContactDialog } from './ContactFormDialog';
import { CommitContactDialog } from './CommitContactDialog';
import { LinkCustomerDialog } from './LinkCustomerDialog';

type Open = 'edit' | 'commit' | 'link' | 'delete' | null;

/** One contact: header with badges and actions, then every field. */
export function ContactDetail({ id }: { id: string }) {
  const me = useMe();
  const [, navigate] = useLocation();
  const contact = useContact(id);
  const defs = useCustomFields();
  const customers = useCustomerChoices(Boolean(contact.data?.customerId));
  const remove = useDeleteContact();
  const [open, setOpen] = useState<Open>(null);
  const c = contact.data;
  useTitle(c ? `${c.firstName} ${c.lastName}` : 'Contact');

  if (contact.isPending) return <Spinner label="Loading contact…" />;
  if (!c) return <ErrorNotice error={contact.error} />;

  const ownerName = ownerLabel(me, c);
  const customerName = c.customerId
    ? (customers.data?.find((x) => x.id === c.customerId)?.name ?? 'Linked customer')
    : null;
  // What the server says this caller may do with this contact; why, when Edit is absent.
  const canEdit = c.can.edit;
  const canCommit = c.can.commit && commitTargets(c).length > 0;
  const noEdit = recordAction(me, c.can.edit, 'contact.update', c);

  return (
    <article className="card contact-card" aria-labelledby="contact-name">
      <header className="contact-header">
        <span className="avatar avatar-large" aria-hidden="true">
          {initials(`${c.firstName} ${c.lastName}`)}
        </span>
        <div className="contact-title">
          <h2 id="contact-name">
            {c.firstName} {c.lastName}
          </h2>
          {(c.jobTitle || c.company) && (
            <p className="muted">{[c.jobTitle, c.company].filter(Boolean).join(' · ')}</p>
          )}
          <div className="badge-row">
            <TypeBadge type={c.type} />
            <StatusBadge status={c.status} />
            <VisibilityBadge visibility={c.visibility} />
          </div>
          {c.tags.length > 0 && (
            <div className="chips" aria-label="Tags">
              {c.tags.map((t) => (
                <Chip key={t}>{t}</Chip>
              ))}
            </div>
          )}
        </div>
      </header>
      <div className="contact-actions">
        {canEdit && (
          <button type="button" className="btn" onClick={() => setOpen('edit')}>
            <Icon name="edit" size={16} /> Edit
          </button>
        )}
        {canCommit && (
          <button type="button" className="btn" onClick={() => setOpen('commit')}>
            <Icon name="arrowUp" size={16} /> Commit up
          </button>
        )}
        {canEdit && (
          <button type="button" className="btn" onClick={() => setOpen('link')}>
            <Icon name="link" size={16} /> {c.customerId ? 'Change customer' : 'Link customer'}
          </button>
        )}
        {c.can.delete && (
          <button type="button" className="btn btn-ghost-danger" onClick={() => setOpen('delete')}>
            <Icon name="trash" size={16} /> Delete
          </button>
        )}
        {!noEdit.allowed && (
          <p className="muted small permission-note" data-testid="no-edit-reason">
            <Icon name="lock" size={14} /> {noEdit.reason}
          </p>
        )}
      </div>
      <ContactFacts
        contact={c}
        customFields={defs.data ?? []}
        ownerName={ownerName}
        customerName={customerName}
      />
      {open === 'edit' && <EditContactDialog contact={c} onClose={() => setOpen(null)} />}
      {open === 'commit' && <CommitContactDialog contact={c} onClose={() => setOpen(null)} />}
      {open === 'link' && <LinkCustomerDialog contact={c} onClose={() => setOpen(null)} />}
      {open === 'delete' && (
        <ConfirmDialog
          title="Delete contact?"
          confirmLabel="Delete"
          danger
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setOpen(null)}
          onConfirm={() =>
            remove.mutate(c, { onSuccess: () => navigate('/crm/contacts', { replace: true }) })
          }
        >
          {c.firstName} {c.lastName} will disappear from every list. The activity timeline is kept.
        </ConfirmDialog>
      )}
    </article>
  );
}
