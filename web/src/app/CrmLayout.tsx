import { Suspense, type ReactNode } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { TabLinks } from '../components/Tabs';
import { may, useMe } from '../lib/session';
import { lazyPage } from './lazyPage';
import { crmTabs } from './navigation';

// Each tab's page is its own chunk; the tabs stay while one loads.
const ContactsPage = lazyPage(() => import('../features/contacts/ContactsPage'), 'ContactsPage');
const ContactRoute = lazyPage(() => import('./ContactRoute'), 'ContactRoute');
const CrmSettingsPage = lazyPage(
  () => import('../features/crm-settings/CrmSettingsPage'),
  'CrmSettingsPage',
);
const BulkBar = lazyPage(() => import('../features/imports/BulkBar'), 'BulkBar');
const ExportButton = lazyPage(() => import('../features/imports/ExportButton'), 'ExportButton');
const ImportButton = lazyPage(() => import('../features/imports/ImportButton'), 'ImportButton');
const DealDetail = lazyPage(() => import('../features/pipeline/DealDetail'), 'DealDetail');
const DealsPage = lazyPage(() => import('../features/pipeline/DealsPage'), 'DealsPage');
const StagesEditor = lazyPage(() => import('../features/stages/StagesEditor'), 'StagesEditor');
const DealStatsPanel = lazyPage(() => import('../features/stats/DealStatsPanel'), 'DealStatsPanel');
const TemplatesPage = lazyPage(
  () => import('../features/templates/TemplatesPage'),
  'TemplatesPage',
);
const UseTemplateButton = lazyPage(
  () => import('../features/templates/UseTemplateButton'),
  'UseTemplateButton',
);

/**
 * A piece one feature lends another's page, loaded on its own: while it
 * loads (say the bulk bar, on the first row checked) the page stays as it is
 * instead of giving way to the tab's spinner.
 */
function Slot({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}

/** CRM: the tabs Contacts, Deals, Templates and (org admins) Settings. */
export function CrmLayout() {
  const me = useMe();
  return (
    <div className="page">
      <PageHeader title="CRM" />
      <TabLinks label="CRM sections" tabs={crmTabs(me)} />
      <div className="tab-panel">
        <Suspense fallback={<Spinner />}>
          <Switch>
            <Route path="/crm/contacts">
              <ContactsPage
                tools={(filters) => (
                  <Slot>
                    <ImportButton />
                    <ExportButton filters={filters} />
                  </Slot>
                )}
                bulk={(ids, clear, levels) => (
                  <Slot>
                    <BulkBar selectedIds={ids} levels={levels} onClear={clear} />
                  </Slot>
                )}
              />
            </Route>
            <Route path="/crm/contacts/:id">{(params) => <ContactRoute id={params.id} />}</Route>
            <Route path="/crm/deals">
              <DealsPage
                stats={
                  <Slot>
                    <DealStatsPanel compact />
                  </Slot>
                }
              />
            </Route>
            <Route path="/crm/deals/:id">
              {(params) => (
                <DealDetail
                  id={params.id}
                  actions={
                    <Slot>
                      <UseTemplateButton dealId={params.id} />
                    </Slot>
                  }
                />
              )}
            </Route>
            <Route path="/crm/templates" component={TemplatesPage} />
            {may(me, 'org.manage') && (
              <Route path="/crm/settings">
                <CrmSettingsPage
                  stages={
                    <Slot>
                      <StagesEditor />
                    </Slot>
                  }
                />
              </Route>
            )}
            <Route>
              <Redirect to="/crm/contacts" replace />
            </Route>
          </Switch>
        </Suspense>
      </div>
    </div>
  );
}
