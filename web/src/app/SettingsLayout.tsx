import { Redirect, Route, Switch } from 'wouter';
import { PageHeader } from '../components/PageHeader';
import { TabLinks } from '../components/Tabs';
import { OrganizationPage } from '../features/organization/OrganizationPage';
import { PartnersPage } from '../features/partners/PartnersPage';
import { UsersPage } from '../features/users/UsersPage';
import { useMe } from '../lib/session';
import { settingsTabs } from './navigation';

/** Settings (org admins): users, partners and the organization. */
export function SettingsLayout() {
  const me = useMe();
  return (
    <div className="page">
      <PageHeader title="Settings" description="People, partners and your organization." />
      <TabLinks label="Settings sections" tabs={settingsTabs(me)} />
      <div className="tab-panel">
        <Switch>
          <Route path="/settings/users" component={UsersPage} />
          <Route path="/settings/partners" component={PartnersPage} />
          <Route path="/settings/organization" component={OrganizationPage} />
          <Route>
            <Redirect to="/settings/users" replace />
          </Route>
        </Switch>
      </div>
    </div>
  );
}
