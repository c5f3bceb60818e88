import { useState } from 'react';
import { Link } from 'wouter';
import { Icon, type IconName } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import type { GettingStarted as Counts } from './api';
import { useGettingStarted } from './api';

type Step = {
  id: string;
  label: string;
  hint: string;
  href: string;
  icon: IconName;
  done: (c: Counts, reviewed: boolean) => boolean;
};

/** The overview seed's four first steps, then inviting a colleague and checking the pipeline. */
const steps: Step[] = [
  {
    id: 'contact',
    label: 'Add your first contact',
    hint: 'CRM → Contacts → Add contact',
    href: '/crm/contacts',
    icon: 'user',
    done: (c) => c.contacts > 0,
  },
  {
    id: 'deal',
    label: 'Create a deal',
    hint: 'Link it to a contact, give it a value and a stage',
    href: '/crm/deals',
    icon: 'briefcase',
    done: (c) => c.deals > 0,
  },
  {
    id: 'activity',
    label: 'Log an activity',
    hint: 'Open a contact or deal and log a call, e-mail, meeting or note',
    href: '/crm/contacts',
    icon: 'activity',
    done: (c) => c.activities > 0,
  },
  {
    id: 'template',
    label: 'Set up a template',
    hint: 'A reusable message with variables such as {{first_name}}',
    href: '/crm/templates',
    icon: 'template',
    done: (c) => c.templates > 0,
  },
  {
    id: 'user',
    label: 'Invite a user',
    hint: 'Add a colleague, a partner or a sales rep',
    href: '/settings/users',
    icon: 'users',
    done: (c) => c.users > 1,
  },
  {
    id: 'stages',
    label: 'Review your pipeline stages',
    hint: 'Rename, recolor or add stages to match how you sell',
    href: '/crm/settings',
    icon: 'pipeline',
    done: (c, reviewed) => c.stagesCustomized || reviewed,
  },
];

const storageKey = (orgId: string, what: string) => `kantivo.gettingStarted.${what}.${orgId}`;
const readFlag = (key: string) => {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
};
const writeFlag = (key: string) => {
  try {
    localStorage.setItem(key, '1');
  } catch {
    // private mode: remembered until the page is reloaded
  }
};

/**
 * A getting-started checklist for a new organization's admins. Each step
 * ticks itself off from what the API counts; "Looks good" covers stages that
 * were reviewed and kept as they are. Dismissed per organization and browser.
 */
export function GettingStarted({ orgId }: { orgId: string }) {
  const [dismissed, setDismissed] = useState(() => readFlag(storageKey(orgId, 'dismissed')));
  const [reviewed, setReviewed] = useState(() => readFlag(storageKey(orgId, 'stagesReviewed')));
  const counts = useGettingStarted(!dismissed);
  if (dismissed) return null;
  if (counts.error) return <ErrorNotice error={counts.error} />;
  const c = counts.data;
  if (!c) return null;
  const doneCount = steps.filter((s) => s.done(c, reviewed)).length;
  const dismiss = () => {
    writeFlag(storageKey(orgId, 'dismissed'));
    setDismissed(true);
  };
  return (
    <section className="card card-padded getting-started" aria-labelledby="getting-started-heading">
      <div className="section-header">
        <div>
          <h2 id="getting-started-heading">Get started with Kantivo CRM</h2>
          <p className="muted" data-testid="getting-started-progress">
            {doneCount === steps.length
              ? 'All done. Your CRM is set up.'
              : `${doneCount} of ${steps.length} steps done`}
          </p>
        </div>
        <button type="button" className="btn btn-small btn-ghost" onClick={dismiss}>
          {doneCount === steps.length ? 'Close' : 'Dismiss'}
          <span className="sr-only"> the getting-started checklist</span>
        </button>
      </div>
      <progress
        className="getting-started-bar"
        max={steps.length}
        value={doneCount}
        aria-label="Getting started progress"
      />
      <ol className="checklist">
        {steps.map((s) => {
          const done = s.done(c, reviewed);
          return (
            <li
              key={s.id}
              className={done ? 'done' : undefined}
              data-testid={`step-${s.id}`}
              data-done={done}
            >
              <span className="check" aria-hidden="true">
                {done ? '✓' : <Icon name={s.icon} size={16} />}
              </span>
              <span className="checklist-text">
                <Link href={s.href} className="strong">
                  {s.label}
                </Link>
                <span className="sr-only">{done ? ' (done)' : ' (to do)'}</span>
                <span className="muted small">{s.hint}</span>
              </span>
              {s.id === 'stages' && !done && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    writeFlag(storageKey(orgId, 'stagesReviewed'));
                    setReviewed(true);
                  }}
                >
                  Looks good
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
