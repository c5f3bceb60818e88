import { Suspense } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { TabLinks } from '../components/Tabs';
import { useMe } from '../lib/session';
import { lazyPage } from './lazyPage';
import { settingsTabs } from './navigation';

const OrganizationPage = lazyPage(
  () => import('../features/organization/OrganizationPage'),
  'OrganizationPage',
);
const PartnersPage = lazyPage(() => import('../features/partners/PartnersPage'), 'PartnersPage');
const UsersPage = lazyPage(() => import('../features/users/UsersPage'), 'UsersPage');

/** Settings (org admins): users, partners and the organization. */
export function SettingsLayout() {
  const me = useMe();
  return (
    <div className="page">
      <PageHeader title="Settings" description="People, partners and your organization." />
      <TabLinks label="Settings sections" tabs={settingsTabs(me)} />
      <div className="tab-panel">
        <Suspense fallback={<Spinner />}>
          <Switch>
            <Route path="/settings/users" component={UsersPage} />
            <Route path="/settings/partners" component={PartnersPage} />
            <Route path="/settings/organization" component={OrganizationPage} />
            <Route>
              <Redirect to="/settings/users" replace />
            </Route>
          </Switch>
        </Suspense>
      </div>
    </div>
  );
}
