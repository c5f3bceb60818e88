import { useState } from 'react';
import { Link } from 'wouter';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { may, useMe } from '../../lib/session';
import { useContactDeals } from './api';
import { DealFormDialog } from './DealFormDialog';
import { formatMoney } from './money';
import './contact-deals.css';

const statusTone = { open: 'blue', won: 'green', lost: 'red' } as const;

/** The deals of one contact the reader may see, on the contact's page, with "New deal" for it. */
export function ContactDeals({ contact }: { contact: { id: string; name: string } }) {
  const me = useMe();
  const deals = useContactDeals(contact.id);
  const [adding, setAdding] = useState(false);
  const list = deals.data?.data ?? [];
  const open = list.filter((d) => d.status === 'open');
  // Sums per currency: amounts in different currencies never add up.
  const openValue = new Map<string, number>();
  for (const d of open) openValue.set(d.currency, (openValue.get(d.currency) ?? 0) + d.amount);

  return (
    <section className="card card-padded contact-deals" aria-labelledby="contact-deals-heading">
      <div className="contact-deals-header">
        <div>
          <h2 id="contact-deals-heading">
            Deals <span className="muted">({list.length})</span>
          </h2>
          {open.length > 0 && (
            <p className="muted small">
              {open.length} open ·{' '}
              {[...openValue].map(([currency, sum]) => formatMoney(sum, currency)).join(' + ')}
            </p>
          )}
        </div>
        {may(me, 'deal.create') && (
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            <Icon name="plus" size={16} /> New deal
          </button>
        )}
      </div>
      <ErrorNotice error={deals.error} />
      {deals.isPending ? (
        <Spinner label="Loading deals…" />
      ) : list.length === 0 ? (
        <p className="muted">No deals with this contact yet.</p>
      ) : (
        <ul className="contact-deal-list" aria-label={`Deals with ${contact.name}`}>
          {list.map((d) => (
            <li key={d.id} className="contact-deal">
              <div className="contact-deal-main">
                <Link href={`/crm/deals/${d.id}`} className="strong">
                  {d.title}
                </Link>
                <span className="contact-deal-amount">{formatMoney(d.amount, d.currency)}</span>
              </div>
              <div className="contact-deal-meta">
                <Badge tone="indigo">{d.stageName}</Badge>
                {d.status !== 'open' && (
                  <Badge tone={statusTone[d.status]}>{d.status === 'won' ? 'Won' : 'Lost'}</Badge>
                )}
                <span className="muted small">{d.probability}% probability</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {deals.data?.nextCursor && (
        <p className="muted small">
          Showing the newest {list.length}; the Deals list has them all.
        </p>
      )}
      {adding && <DealFormDialog contact={contact} onClose={() => setAdding(false)} />}
    </section>
  );
}
