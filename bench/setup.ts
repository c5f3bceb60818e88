import type { OrgSpec, Owner, Stage } from './dataset.js';
import { password } from './scenarios.js';
import type { Viewer } from './probes.js';
import { login, signup, type Api } from './server.js';

/** The volumes of a run: per org, contacts, deals and partners; the size of the kanban column. */
export type Scale = {
  contacts: number[];
  deals: number[];
  partners: number[];
  columnSize: number;
};

export type OrgSetup = { spec: OrgSpec; owner: Api; viewers: Viewer[] };

/** An org through the API: owner (sign-up), admins, employees, partners with a manager and reps. */
export async function setupOrg(baseUrl: string, index: number, scale: Scale): Promise<OrgSetup> {
  const partners = scale.partners[index]!;
  const domain = `org${index}.bench.test`;
  const { api, userId, orgId } = await signup(baseUrl, {
    orgName: `Bench ${index}`,
    name: 'Owner',
    email: `owner@${domain}`,
    password,
    plan: 'scale',
  });
  const staff: Owner[] = [{ id: userId, partnerId: null }];
  const partnerSide: Owner[] = [];
  const viewers: Viewer[] = [];
  const addUser = async (role: string, n: number, partnerId: string | null = null) => {
    const email = `${role}${n}${partnerId ? `.${partnerId.slice(-6)}` : ''}@${domain}`;
    const u = await api.json<{ id: string }>('POST', '/users', {
      name: `${role} ${n}`,
      email,
      password,
      role,
      ...(partnerId ? { partnerId } : {}),
    });
    (partnerId ? partnerSide : staff).push({ id: u.id, partnerId });
    return { id: u.id, email };
  };
  const admin1 = await addUser('admin', 1);
  if (index === 0) {
    await addUser('admin', 2);
    for (let e = 1; e <= 3; e++) await addUser('employee', e);
  }
  let rep1: { id: string; email: string; partnerId: string } | undefined;
  for (let p = 1; p <= partners; p++) {
    const partner = await api.json<{ id: string }>('POST', '/partners', { name: `Reseller ${p}` });
    await addUser('partner', 1, partner.id);
    for (let r = 1; r <= (index === 0 ? 4 : 2); r++) {
      const rep = await addUser('sales_rep', r, partner.id);
      rep1 ??= { ...rep, partnerId: partner.id };
    }
  }
  if (index === 0) {
    viewers.push({
      label: 'org admin',
      api: await login(baseUrl, admin1.email, password),
      userId: admin1.id,
      orgId,
      role: 'admin',
      partnerId: null,
    });
    viewers.push({
      label: 'sales rep',
      api: await login(baseUrl, rep1!.email, password),
      userId: rep1!.id,
      orgId,
      role: 'sales_rep',
      partnerId: rep1!.partnerId,
    });
  }
  const { data } = await api.json<{ data: Stage[] }>('GET', '/stages');
  return {
    owner: api,
    viewers,
    spec: {
      index,
      orgId,
      ownerId: userId,
      staff,
      partnerSide,
      stages: data,
      contacts: scale.contacts[index]!,
      deals: scale.deals[index]!,
      column: index === 0 ? { slug: 'proposal', size: scale.columnSize } : undefined,
    },
  };
}
