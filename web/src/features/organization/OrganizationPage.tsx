import { useState, type FormEvent } from 'react';
import { updateOrgBody } from '@server/orgs/schema';
import { Badge } from '../../components/Badge';
import { Field } from '../../components/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { fieldErrors } from '../../lib/api';
import { formatCount, humanize } from '../../lib/format';
import { may, useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { validate } from '../../lib/validation';
import { useOrg, useUpdateOrg, type Org } from './api';

const plans: Org['plan'][] = ['starter', 'growth', 'scale'];

function Usage({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const percent = limit ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  return (
    <div className="usage">
      <div className="usage-label">
        <span>{label}</span>
        <span className="muted">
          {formatCount(used)} / {limit === null ? 'unlimited' : formatCount(limit)}
        </span>
      </div>
      {limit !== null && (
        <div
          className="meter"
          role="meter"
          aria-label={`${label} used`}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={used}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
      )}
    </div>
  );
}

function OrgForm({ org }: { org: Org }) {
  const me = useMe();
  const update = useUpdateOrg();
  const [name, setName] = useState(org.name);
  const [plan, setPlan] = useState(org.plan);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const canChangePlan = may(me, 'org.plan');

  function submit(event: FormEvent) {
    event.preventDefault();
    const changes = {
      ...(name !== org.name ? { name } : {}),
      ...(canChangePlan && plan !== org.plan ? { plan } : {}),
    };
    const result = validate(updateOrgBody, changes);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    update.mutate({ org, changes: result.data }, { onError: (e) => setErrors(fieldErrors(e)) });
  }

  return (
    <form className="form card card-padded" onSubmit={submit} noValidate>
      <h3>Organization</h3>
      <ErrorNotice error={update.error} />
      {update.isSuccess && <Notice tone="success">Saved.</Notice>}
      <Field label="Name" required error={errors.name}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field
        label="Plan"
        error={errors.plan}
        hint={canChangePlan ? undefined : 'Only the owner can change the plan.'}
      >
        {(p) => (
          <select
            {...p}
            value={plan}
            disabled={!canChangePlan}
            onChange={(e) => setPlan(e.target.value as Org['plan'])}
          >
            {plans.map((value) => (
              <option key={value} value={value}>
                {humanize(value)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          Save
        </button>
      </div>
    </form>
  );
}

export function OrganizationPage() {
  useTitle('Organization');
  const org = useOrg();
  if (org.isPending) return <Spinner />;
  if (org.isError) return <ErrorNotice error={org.error} />;
  const data = org.data;
  return (
    <div className="two-column">
      <OrgForm key={data.version} org={data} />
      <section className="card card-padded" aria-labelledby="usage-heading">
        <h3 id="usage-heading">
          Plan usage <Badge tone="violet">{humanize(data.plan)}</Badge>
        </h3>
        <Usage label="Contacts" used={data.usage.contacts} limit={data.limits.contacts} />
        <Usage label="Deals" used={data.usage.deals} limit={data.limits.deals} />
        <h4>Included features</h4>
        <ul className="feature-list">
          {(['import', 'export', 'custom_fields'] as const).map((f) => (
            <li key={f}>
              <Badge tone={data.features.includes(f) ? 'green' : 'gray'}>
                {data.features.includes(f) ? 'Included' : 'Not included'}
              </Badge>{' '}
              {humanize(f)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
