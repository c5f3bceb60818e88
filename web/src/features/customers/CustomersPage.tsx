import { useMemo, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { formatDate } from '../../lib/format';
import { may, useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { useCustomers } from './api';
import { CustomerDialog } from './CustomerDialog';

/** Platform customers (billing accounts) that CRM contacts can be linked to. */
export function CustomersPage() {
  useTitle('Customers');
  const me = useMe();
  const customers = useCustomers();
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = customers.data ?? [];
    if (!needle) return all;
    return all.filter(
      (c) => c.name.toLowerCase().includes(needle) || c.email?.toLowerCase().includes(needle),
    );
  }, [customers.data, filter]);

  return (
    <div className="page">
      <PageHeader
        title="Customers"
        description="Platform customers your CRM contacts can be linked to."
        actions={
          may(me, 'customers.manage') && (
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
              <Icon name="plus" size={16} /> Add customer
            </button>
          )
        }
      />
      <div className="toolbar">
        <label className="search-box">
          <Icon name="search" size={16} />
          <span className="sr-only">Filter customers</span>
          <input
            type="search"
            placeholder="Filter by name or e-mail"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
      </div>
      <ErrorNotice error={customers.error} />
      {customers.isPending ? (
        <Spinner />
      ) : shown.length === 0 ? (
        <div className="card">
          <EmptyState title={filter ? 'No customer matches' : 'No customers yet'} />
        </div>
      ) : (
        // Focusable so a keyboard user can scroll the table sideways on a phone (it holds no link).
        <div className="card table-card" tabIndex={0} role="region" aria-label="Customers table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.id}>
                  <td className="strong">{c.name}</td>
                  <td>{c.email ?? <span className="muted">—</span>}</td>
                  <td className="muted">{formatDate(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && <CustomerDialog onClose={() => setAdding(false)} />}
    </div>
  );
}
