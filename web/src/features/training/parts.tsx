import type { ReactNode } from 'react';
import { Badge, type Tone } from '../../components/Badge';
import { Icon, type IconName } from '../../components/Icon';

/**
 * The pictures of the training manual, rebuilt from the product's shared
 * components (Badge, Icon, the app's table, card and avatar styles) so a
 * lesson looks like the screens it describes. Features may not import each
 * other, so the contact card and deal card here are faithful static markup.
 */

/** A manual table: a caption for screen readers, header cells, row headers. */
export function LessonTable({
  caption,
  head,
  rows,
  testId,
}: {
  caption: string;
  head: string[];
  rows: ReactNode[][];
  testId?: string;
}) {
  return (
    <div className="lesson-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table lesson-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** ✓ / ✗ / configurable cells of a permission table, with words, not only marks. */
export function Yes({ children = 'Yes' }: { children?: ReactNode }) {
  return (
    <span className="mark mark-yes">
      <span aria-hidden="true">✓ </span>
      {children}
    </span>
  );
}
export function No({ children = 'No' }: { children?: ReactNode }) {
  return (
    <span className="mark mark-no">
      <span aria-hidden="true">✗ </span>
      {children}
    </span>
  );
}
export function Configurable() {
  return (
    <span className="mark mark-config">
      <Icon name="settings" size={14} /> Configurable
    </span>
  );
}

export function Callout({
  tone = 'info',
  title,
  children,
}: {
  tone?: 'info' | 'warning' | 'success';
  title: string;
  children: ReactNode;
}) {
  const icon: IconName = tone === 'warning' ? 'xCircle' : tone === 'success' ? 'award' : 'star';
  return (
    <aside className={`callout callout-${tone}`} aria-label={title}>
      <p className="callout-title">
        <Icon name={icon} size={16} /> {title}
      </p>
      <div>{children}</div>
    </aside>
  );
}

/** A grid of small cards: an icon, a name and one line (features, fields, activity types). */
export function IconCards({
  items,
  testId,
}: {
  items: { icon: IconName; title: string; text: string; tone?: Tone }[];
  testId?: string;
}) {
  return (
    <ul className="icon-cards" data-testid={testId}>
      {items.map((it) => (
        <li key={it.title} className={`icon-card tone-${it.tone ?? 'indigo'}`}>
          <span className="icon-card-icon" aria-hidden="true">
            <Icon name={it.icon} size={20} />
          </span>
          <span className="strong">{it.title}</span>
          <span className="muted small">{it.text}</span>
        </li>
      ))}
    </ul>
  );
}

/** Numbered steps, as in the manual's "Creating a contact". */
export function Steps({ steps }: { steps: { title: string; text: ReactNode }[] }) {
  return (
    <ol className="lesson-steps">
      {steps.map((s, i) => (
        <li key={s.title}>
          <span className="lesson-step-number" aria-hidden="true">
            {i + 1}
          </span>
          <span>
            <span className="strong">{s.title}</span>
            <span className="lesson-step-text">{s.text}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

export function Badges({ items }: { items: { label: string; tone: Tone; dot?: boolean }[] }) {
  return (
    <p className="badge-row">
      {items.map((b) => (
        <Badge key={b.label} tone={b.tone}>
          {b.dot && <span className={`dot dot-${b.tone}`} aria-hidden="true" />}
          {b.label}
        </Badge>
      ))}
    </p>
  );
}

export type ExampleContact = {
  initials: string;
  name: string;
  title: string;
  email: string;
  company: string;
  phone: string;
  tags: string[];
  status: { label: string; tone: Tone };
};

/** A contact card as the contact list and page show one. */
export function ContactCard({ c }: { c: ExampleContact }) {
  return (
    <article className="card example-contact" aria-label={`Example contact: ${c.name}`}>
      <header>
        <span className="avatar" aria-hidden="true">
          {c.initials}
        </span>
        <span>
          <span className="strong">{c.name}</span>
          <span className="muted small">{c.title}</span>
        </span>
      </header>
      <ul className="example-facts">
        <li>
          <Icon name="mail" size={14} /> {c.email}
        </li>
        <li>
          <Icon name="building" size={14} /> {c.company}
        </li>
        <li>
          <Icon name="phone" size={14} /> {c.phone}
        </li>
      </ul>
      <p className="badge-row">
        {c.tags.map((t) => (
          <span key={t} className="chip">
            {t}
          </span>
        ))}
        <Badge tone={c.status.tone}>{c.status.label}</Badge>
      </p>
    </article>
  );
}

/** The CRM's tab bar, as a picture (the real tabs are links in the CRM section). */
export function TabsPicture({ active }: { active: string }) {
  return (
    <figure className="example-frame" aria-label="The CRM section with its four tabs">
      <div className="example-titlebar">Kantivo Platform — CRM</div>
      <div className="example-shell">
        <ul className="example-sidebar" aria-label="Sidebar">
          {(
            [
              ['dashboard', 'Dashboard'],
              ['building', 'Customers'],
              ['briefcase', 'CRM'],
              ['users', 'Partners'],
              ['settings', 'Settings'],
            ] as const
          ).map(([icon, label]) => (
            <li key={label} className={label === 'CRM' ? 'active' : undefined}>
              <Icon name={icon} size={14} /> {label}
            </li>
          ))}
        </ul>
        <div className="example-main">
          <ul className="tabs example-tabs" aria-label="CRM tabs">
            {['Contacts', 'Deals', 'Templates', 'Settings'].map((t) => (
              <li key={t} className={`tab${t === active ? ' active' : ''}`}>
                {t}
              </li>
            ))}
          </ul>
          <p className="muted small">
            The tab you are on is underlined; Settings is for org admins.
          </p>
        </div>
      </div>
    </figure>
  );
}

export type ExampleColumn = {
  name: string;
  color: string;
  count: number;
  deals: { title: string; amount: string; contact: string; probability?: string }[];
};

/** A small kanban board: stage columns in their colors with deal cards. */
export function MiniBoard({ columns, label }: { columns: ExampleColumn[]; label: string }) {
  return (
    <div
      className="mini-board"
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid="mini-board"
    >
      {columns.map((col) => (
        <section
          key={col.name}
          className="mini-column"
          aria-label={`${col.name}, ${col.count} deals`}
        >
          <h5 style={{ borderTopColor: col.color }}>
            <span className="mini-dot" style={{ background: col.color }} aria-hidden="true" />
            {col.name} <span className="muted">{col.count}</span>
          </h5>
          {col.deals.map((d) => (
            <div key={d.title} className="mini-card">
              <span className="strong">{d.title}</span>
              <span className="mini-amount">{d.amount}</span>
              <span className="muted small">
                {d.contact}
                {d.probability ? ` · ${d.probability}` : ''}
              </span>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/** A row of statistic cards, as the dashboard and the Deals tab show them. */
export function StatCards({
  label,
  items,
}: {
  label: string;
  items: { value: string; label: string }[];
}) {
  return (
    <ul className="example-stats" aria-label={label}>
      {items.map((s) => (
        <li key={s.label} className="card stat-card">
          <span className="stat-value">{s.value}</span>
          <span className="stat-label">{s.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** Individual → Partner → Organization, one way. */
export function CommitUpFlow() {
  const levels: { label: string; icon: IconName; text: string }[] = [
    { label: 'Individual', icon: 'lock', text: 'The owner (and org admins)' },
    { label: 'Partner', icon: 'users', text: 'The partner and its sales reps' },
    { label: 'Organization', icon: 'building', text: 'Everyone in the organization' },
  ];
  return (
    <ol
      className="commit-flow"
      aria-label="The commit-up flow, one way only"
      data-testid="commit-flow"
    >
      {levels.map((l, i) => (
        <li key={l.label}>
          <span className="commit-level">
            <Icon name={l.icon} size={18} />
            <span className="strong">{l.label}</span>
            <span className="muted small">{l.text}</span>
          </span>
          {i < levels.length - 1 && (
            <span className="commit-arrow" aria-hidden="true">
              <Icon name="arrowRight" size={20} />
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
