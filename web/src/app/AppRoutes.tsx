import { Suspense, useEffect } from 'react';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { PageHeader } from '../components/PageHeader';
import { EmptyState } from '../components/EmptyState';
import { Notice } from '../components/Notice';
import { Spinner } from '../components/Spinner';
import { errorMessage } from '../lib/api';
import { isPartnerSide, may, MeContext, useSession, type Me } from '../lib/session';
import { lazyPage } from './lazyPage';
import { Shell } from './Shell';

// Every page is its own chunk, loaded when first opened (see lazyPage).
const SignInPage = lazyPage(() => import('../features/auth/SignInPage'), 'SignInPage');
const SignUpPage = lazyPage(() => import('../features/auth/SignUpPage'), 'SignUpPage');
const ResetPasswordPage = lazyPage(
  () => import('../features/auth/ResetPasswordPage'),
  'ResetPasswordPage',
);
const CustomersPage = lazyPage(
  () => import('../features/customers/CustomersPage'),
  'CustomersPage',
);
const DashboardPage = lazyPage(
  () => import('../features/dashboard/DashboardPage'),
  'DashboardPage',
);
const PartnersPage = lazyPage(() => import('../features/partners/PartnersPage'), 'PartnersPage');
const DealStatsPanel = lazyPage(() => import('../features/stats/DealStatsPanel'), 'DealStatsPanel');
const TrainingPage = lazyPage(() => import('../features/training/TrainingPage'), 'TrainingPage');
const CrmLayout = lazyPage(() => import('./CrmLayout'), 'CrmLayout');
const SettingsLayout = lazyPage(() => import('./SettingsLayout'), 'SettingsLayout');

/** Where to go after signing in: the page that asked for it, or the dashboard. */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}

function SignedOut() {
  const [location] = useLocation();
  return (
    <Suspense fallback={<PageLoading />}>
      <Switch>
        <Route path="/sign-in" component={SignInPage} />
        <Route path="/sign-up" component={SignUpPage} />
        <Route path="/reset-password" component={ResetPasswordPage} />
        <Route>
          <Redirect
            to={location === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(location)}`}
            replace
          />
        </Route>
      </Switch>
    </Suspense>
  );
}

/** Shown while a page's chunk loads (usually a few milliseconds). */
function PageLoading() {
  return (
    <div className="boot">
      <Spinner />
    </div>
  );
}

function NotFound() {
  return (
    <div className="page">
      <EmptyState title="Page not found">
        <p>There is nothing at this address, or your role may not open it.</p>
      </EmptyState>
    </div>
  );
}

/**
 * Once the first page is up, fetches the CRM's chunks in the background, so
 * the most used screens open without waiting for their code.
 */
function usePreloadCrm() {
  useEffect(() => {
    const timer = setTimeout(() => {
      void import('./CrmLayout');
      void import('../features/contacts/ContactsPage');
      void import('../features/pipeline/DealsPage');
    }, 2000);
    return () => clearTimeout(timer);
  }, []);
}

function SignedIn({ me }: { me: Me }) {
  const search = useSearch();
  const orgAdmin = may(me, 'org.manage');
  usePreloadCrm();
  return (
    <MeContext value={me}>
      <Shell me={me}>
        <Switch>
          <Route path="/">
            <Redirect to="/dashboard" replace />
          </Route>
          <Route path="/sign-in">
            <Redirect to={nextPath(search)} replace />
          </Route>
          <Route path="/sign-up">
            <Redirect to="/dashboard" replace />
          </Route>
          <Route path="/dashboard">
            <DashboardPage>
              {/* Its own boundary: the dashboard shows while the statistics load. */}
              <Suspense fallback={null}>
                <DealStatsPanel />
              </Suspense>
            </DashboardPage>
          </Route>
          <Route path="/training" component={TrainingPage} />
          {!isPartnerSide(me) && <Route path="/customers" component={CustomersPage} />}
          <Route path="/crm" component={CrmLayout} />
          <Route path="/crm/*" component={CrmLayout} />
          {orgAdmin && (
            <Route path="/partners">
              <div className="page">
                <PageHeader title="Partners" description="Your resellers and their people." />
                <PartnersPage />
              </div>
            </Route>
          )}
          {orgAdmin && <Route path="/settings" component={SettingsLayout} />}
          {orgAdmin && <Route path="/settings/*" component={SettingsLayout} />}
          <Route component={NotFound} />
        </Switch>
      </Shell>
    </MeContext>
  );
}

export function AppRoutes() {
  const session = useSession();
  if (session.isPending) {
    return (
      <div className="boot">
        <Spinner />
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="boot">
        <Notice tone="error">{errorMessage(session.error)}</Notice>
        <button type="button" className="btn" onClick={() => void session.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return session.data ? <SignedIn me={session.data} /> : <SignedOut />;
}
