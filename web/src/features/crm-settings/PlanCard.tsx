import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { useOrg, type Org } from './api';
import { featureLabels, planLabels } from './settingsText';

function Usage({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const pct = limit ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  return (
    <div className="plan-usage">
      <div className="usage-label">
        <span>{label}</span>
        <span className="muted">
          {formatCount(used)} / {limit === null ? 'unlimited' : formatCount(limit)}
        </span>
      </div>
      {limit !== null && (
        <progress
          className="plan-meter"
          max={100}
          value={pct}
          aria-label={`${label}: ${pct}% of the limit`}
        />
      )}
    </div>
  );
}

const allFeatures = Object.keys(featureLabels) as Org['features'];

/** The plan, its usage against the limits, and which features it includes. */
export function PlanCard() {
  const org = useOrg();
  if (!org.data) return <ErrorNotice error={org.error} />;
  const o = org.data;
  return (
    <section className="card card-padded plan-card" aria-labelledby="plan-heading">
      <h3 id="plan-heading">
        Plan <Badge tone="violet">{planLabels[o.plan]}</Badge>
      </h3>
      <Usage label="Contacts" used={o.usage.contacts} limit={o.limits.contacts} />
      <Usage label="Deals" used={o.usage.deals} limit={o.limits.deals} />
      <ul className="feature-flags">
        {allFeatures.map((f) => {
          const on = o.features.includes(f);
          return (
            <li key={f}>
              <Badge tone={on ? 'green' : 'gray'}>{on ? 'Included' : 'Growth plan'}</Badge>{' '}
              {featureLabels[f]}
            </li>
          );
        })}
      </ul>
      {o.plan === 'starter' && (
        <p className="muted small">
          Import, export and custom fields come with the Growth and Scale plans; the owner can
          change the plan under Settings → Organization.
        </p>
      )}
    </section>
  );
}
