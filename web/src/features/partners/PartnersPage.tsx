import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatDate } from '../../lib/format';
import { roleLabels } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { usePartnerPeople, usePartners, type Partner } from './api';
import { PartnerNameDialog } from './PartnerNameDialog';

/** Partners (resellers) with the people who work for each. */
export function PartnersPage() {
  useTitle('Partners');
  const partners = usePartners();
  const people = usePartnerPeople();
  const [editing, setEditing] = useState<{ partner?: Partner } | null>(null);

  return (
    <section className="section" aria-labelledby="partners-heading">
      <div className="section-header">
        <div>
          <h2 id="partners-heading">Partners</h2>
          <p className="muted">
            Resellers who sell for you. Add their managers and sales reps under Settings → Users.
          </p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({})}>
          <Icon name="plus" size={16} /> Add partner
        </button>
      </div>
      <ErrorNotice error={partners.error} />
      {partners.isPending ? (
        <Spinner />
      ) : partners.data?.length === 0 ? (
        <div className="card">
          <EmptyState title="No partners yet">
            <p>Add a partner to give resellers and their sales reps their own portal.</p>
          </EmptyState>
        </div>
      ) : (
        <ul className="partner-grid">
          {(partners.data ?? []).map((partner) => {
            const members = (people.data ?? []).filter((u) => u.partnerId === partner.id);
            return (
              <li key={partner.id} className="card partner-card">
                <div className="partner-card-header">
                  <div>
                    <h3>{partner.name}</h3>
                    <p className="muted small">Since {formatDate(partner.createdAt)}</p>
                  </div>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Rename ${partner.name}`}
                    onClick={() => setEditing({ partner })}
                  >
                    Rename
                  </button>
                </div>
                {members.length === 0 ? (
                  <p className="muted small">No users yet.</p>
                ) : (
                  <ul className="member-list">
                    {members.map((m) => (
                      <li key={m.id}>
                        <span className={m.active ? '' : 'muted'}>{m.name}</span>
                        <Badge tone={m.role === 'partner' ? 'teal' : 'gray'}>
                          {roleLabels[m.role]}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editing && <PartnerNameDialog partner={editing.partner} onClose={() => setEditing(null)} />}
    </section>
  );
}
