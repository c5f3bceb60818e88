import pg from 'pg';

type LoginFacts = {
  login: string;
  superuser: boolean;
  bypassrls: boolean;
  app_member: boolean;
  owner_member: boolean;
  powerful: string[];
  owned: string[];
};

async function sessionFacts<T>(connectionString: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T & pg.QueryResultRow>(text, params)).rows[0]!;
  } finally {
    await client.end();
  }
}

/**
 * Refuses an APP_DATABASE_URL whose login could get around row-level
 * security: a superuser, BYPASSRLS, the owner of a table (an owner may turn
 * RLS off), the DATABASE_URL login itself, or a role that can SET ROLE to any
 * of those. It must be able to act as kantivo_app. Resolves to the login's name.
 */
export async function assertRestrictedAppLogin(
  databaseUrl: string,
  appDatabaseUrl: string,
  appRole: string,
): Promise<string> {
  const { owner } = await sessionFacts<{ owner: string }>(
    databaseUrl,
    'select session_user as owner',
  );
  // No startup role here: the check must work before the migration that creates kantivo_app.
  const facts = await sessionFacts<LoginFacts>(
    appDatabaseUrl,
    `select r.rolname as login, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
            coalesce(pg_has_role(session_user, to_regrole($1)::oid, 'MEMBER'), false) as app_member,
            pg_has_role(session_user, $2::name, 'MEMBER') as owner_member,
            array(select o.rolname::text from pg_roles o
                  where o.oid <> r.oid and (o.rolsuper or o.rolbypassrls)
                    and pg_has_role(session_user, o.oid, 'MEMBER') order by 1) as powerful,
            array(select c.relname::text from pg_class c
                  where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
                    and pg_has_role(session_user, c.relowner, 'MEMBER') order by 1 limit 3) as owned
     from pg_roles r where r.rolname = session_user`,
    [appRole, owner],
  );
  const problems: string[] = [];
  if (facts.superuser) problems.push('it is a superuser');
  if (facts.bypassrls) problems.push('it has BYPASSRLS');
  if (!facts.superuser && facts.powerful.length > 0) {
    problems.push(`it can SET ROLE to ${facts.powerful.join(', ')} (superuser or BYPASSRLS)`);
  }
  if (!facts.superuser && facts.owner_member) {
    problems.push(`it is (or can act as) the DATABASE_URL login "${owner}"`);
  } else if (!facts.superuser && facts.owned.length > 0) {
    problems.push(`it owns (or can act as the owner of) ${facts.owned.join(', ')}`);
  }
  if (!facts.app_member) problems.push(`it is not a member of ${appRole}`);
  if (problems.length > 0) {
    throw new Error(
      `APP_DATABASE_URL logs in as "${facts.login}", which the application must not use: ` +
        `${problems.join('; ')}. Give the application a login of its own, for example ` +
        `CREATE ROLE kantivo_login LOGIN PASSWORD '…' IN ROLE ${appRole} (after the first migration).`,
    );
  }
  return facts.login;
}
