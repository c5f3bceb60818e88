import type { ReactNode } from 'react';
import { useTitle } from '../../lib/useTitle';
import { CustomFieldsEditor } from './CustomFieldsEditor';
import { PlanCard } from './PlanCard';
import { SettingsForm } from './SettingsForm';
import './crm-settings.css';

/**
 * CRM settings for org admins: visibility and permission rules, the plan and
 * its limits, custom fields, and (the `stages` slot) the pipeline stages.
 */
export function CrmSettingsPage({ stages }: { stages?: ReactNode }) {
  useTitle('CRM settings');
  return (
    <div className="crm-settings">
      <div className="crm-settings-main">
        <section className="card card-padded" aria-labelledby="crm-rules-heading">
          <h3 id="crm-rules-heading">Visibility & permissions</h3>
          <p className="muted">
            These rules apply to records created from now on; existing records keep their
            visibility.
          </p>
          <SettingsForm />
        </section>
        {stages}
        <CustomFieldsEditor />
      </div>
      <aside className="crm-settings-side">
        <PlanCard />
      </aside>
    </div>
  );
}
