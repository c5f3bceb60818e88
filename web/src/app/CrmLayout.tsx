import { Redirect, Route, Switch } from 'wouter';
import { PageHeader } from '../components/PageHeader';
import { TabLinks } from '../components/Tabs';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { CrmSettingsPage } from '../features/crm-settings/CrmSettingsPage';
import { BulkBar } from '../features/imports/BulkBar';
import { ExportButton } from '../features/imports/ExportButton';
import { ImportButton } from '../features/imports/ImportButton';
import { DealDetail } from '../features/pipeline/DealDetail';
import { DealsPage } from '../features/pipeline/DealsPage';
import { StagesEditor } from '../features/stages/StagesEditor';
import { DealStatsPanel } from '../features/stats/DealStatsPanel';
import { TemplatesPage } from '../features/templates/TemplatesPage';
import { UseTemplateButton } from '../features/templates/UseTemplateButton';
import { may, useMe } from '../lib/session';
import { ContactRoute } from './ContactRoute';
import { crmTabs } from './navigation';

/** CRM: the tabs Contacts, Deals, Templates and (org admins) Settings. */
export function CrmLayout() {
  const me = useMe();
  return (
    <div className="page">
      <PageHeader title="CRM" />
      <TabLinks label="CRM sections" tabs={crmTabs(me)} />
      <div className="tab-panel">
        <Switch>
          <Route path="/crm/contacts">
            <ContactsPage
              tools={(filters) => (
                <>
                  <ImportButton />
                  <ExportButton filters={filters} />
                </>
              )}
              bulk={(ids, clear, levels) => (
                <BulkBar selectedIds={ids} levels={levels} onClear={clear} />
              )}
            />
          </Route>
          <Route path="/crm/contacts/:id">{(params) => <ContactRoute id={params.id} />}</Route>
          <Route path="/crm/deals">
            <DealsPage stats={<DealStatsPanel compact />} />
          </Route>
          <Route path="/crm/deals/:id">
            {(params) => (
              <DealDetail id={params.id} actions={<UseTemplateButton dealId={params.id} />} />
            )}
          </Route>
          <Route path="/crm/templates" component={TemplatesPage} />
          {may(me, 'org.manage') && (
            <Route path="/crm/settings">
              <CrmSettingsPage stages={<StagesEditor />} />
            </Route>
          )}
          <Route>
            <Redirect to="/crm/contacts" replace />
          </Route>
        </Switch>
      </div>
    </div>
  );
}
