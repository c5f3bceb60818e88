import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ErrorNotice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { formatCount, formatRelative, humanize, initials } from '../../lib/format';
import { isOrgAdmin, isPartnerSide, useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { useContactStats, useRecentContacts, type ContactStats } from './api';
import { GettingStarted } from './GettingStarted';
import './dashboard.css';

function StatCard({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className={`card stat-card stat-${tone}`}>
      <div className="stat-value">{formatCount(value)}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function Breakdown({
  title,
  counts,
  total,
}: {
  title: string;
  counts: Record<string, number>;
  total: number;
}) {
  return (
    <section className="card card-padded" aria-label={title}>
      <h3>{title}</h3>
      <ul className="bars">
        {Object.entries(counts).map(([key, n]) => (
          <li key={key} className="bar-row">
            <span className="bar-label">{humanize(key)}</span>
            <span className="bar-track" aria-hidden="true">
              <span
                className={`bar-fill bar-${key}`}
                style={{ width: `${n && total ? Math.max(2, Math.round((n / total) * 100)) : 0}%` }}
              />
            </span>
            <span className="bar-count">{formatCount(n)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Stats({ stats }: { stats: ContactStats }) {
  return (
    <>
      <div className="stat-grid">
        <StatCard label="Total contacts" value={stats.total} tone="indigo" />
        <StatCard label="Active" value={stats.byStatus.active} tone="green" />
        <StatCard label="Leads" value={stats.byType.lead} tone="blue" />
        <StatCard label="Prospects" value={stats.byType.prospect} tone="violet" />
      </div>
      <div className="two-column">
        <Breakdown title="Contacts by type" counts={stats.byType} total={stats.total} />
        <Breakdown title="Contacts by status" counts={stats.byStatus} total={stats.total} />
      </div>
    </>
  );
}

function RecentContacts() {
  const recent = useRecentContacts();
  return (
    <section className="card card-padded" aria-labelledby="recent-heading">
      <div className="section-header">
        <h3 id="recent-heading">Recently added</h3>
        <Link href="/crm/contacts">All contacts</Link>
      </div>
      <ErrorNotice error={recent.error} />
      {recent.data?.length === 0 && <p className="muted">No contacts yet.</p>}
      <ul className="recent-list">
        {(recent.data ?? []).map((c) => (
          <li key={c.id}>
            <span className="avatar avatar-small" aria-hidden="true">
              {initials(`${c.firstName} ${c.lastName}`)}
            </span>
            <Link href={`/crm/contacts/${c.id}`}>
              {c.firstName} {c.lastName}
            </Link>
            <span className="muted small">{c.company}</span>
            <span className="muted small recent-when">{formatRelative(c.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `children`: more sections below the contact statistics (the deal statistics). */
export function DashboardPage({ children }: { children?: ReactNode } = {}) {
  useTitle('Dashboard');
  const me = useMe();
  const stats = useContactStats();
  const firstName = me.user.name.split(' ')[0] ?? me.user.name;
  return (
    <div className="page">
      <PageHeader
        title={`Welcome back, ${firstName}`}
        description={
          isPartnerSide(me)
            ? 'Your contacts and your team’s shared contacts at a glance.'
            : `Contacts you can see across ${me.org.name}.`
        }
      />
      {isOrgAdmin(me.user.role) && <GettingStarted orgId={me.org.id} />}
      <ErrorNotice error={stats.error} />
      {stats.isPending ? <Spinner /> : stats.data && <Stats stats={stats.data} />}
      {children}
      <RecentContacts />
    </div>
  );
}
