import { v7 as uuidv7 } from 'uuid';
import { activityRow } from '../activities/service.js';
import { insertActivities } from '../activities/repo.js';
import type { DemoFiller } from './seed.js';
import type { Role, Visibility } from '../db/schema.js';
import { insertContacts, type NewContact } from '../contacts/repo.js';
import { sql } from 'drizzle-orm';

type Sample = Pick<
  NewContact,
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'company'
  | 'jobTitle'
  | 'phone'
  | 'type'
  | 'status'
  | 'source'
  | 'tags'
> & {
  owner: Role;
  visibility: Visibility;
};

/** The people of the training manual's examples, spread over the demo roles. */
export const demoContacts: Sample[] = [
  {
    firstName: 'Sarah',
    lastName: 'Mitchell',
    email: 'sarah@acmecorp.com',
    company: 'Acme Corporation',
    jobTitle: 'VP of Operations',
    phone: '(555) 234-5678',
    type: 'customer',
    status: 'active',
    source: 'Referral',
    tags: ['Enterprise', 'Referral'],
    owner: 'admin',
    visibility: 'organization',
  },
  {
    firstName: 'James',
    lastName: 'Rodriguez',
    email: 'james@startupxyz.io',
    company: 'Startup XYZ',
    jobTitle: 'Founder & CEO',
    phone: '(555) 876-5432',
    type: 'lead',
    status: 'active',
    source: 'Cold Outreach',
    tags: ['SMB', 'Cold Outreach'],
    owner: 'sales_rep',
    visibility: 'individual',
  },
  {
    firstName: 'Lisa',
    lastName: 'Chen',
    email: 'lisa.chen@dataflow.io',
    company: 'DataFlow Ltd',
    jobTitle: 'CTO',
    phone: '(555) 345-1200',
    type: 'prospect',
    status: 'active',
    source: 'Trade Show',
    tags: ['Enterprise', 'Trade Show'],
    owner: 'partner',
    visibility: 'partner',
  },
  {
    firstName: 'Mark',
    lastName: 'Davis',
    email: 'mark@mediapulse.com',
    company: 'MediaPulse',
    jobTitle: 'Head of Marketing',
    phone: '(555) 410-7788',
    type: 'prospect',
    status: 'active',
    source: 'Referral',
    tags: ['SMB'],
    owner: 'employee',
    visibility: 'organization',
  },
  {
    firstName: 'Rachel',
    lastName: 'Kim',
    email: 'rachel.kim@retailmax.com',
    company: 'RetailMax',
    jobTitle: 'Procurement Director',
    phone: '(555) 920-3344',
    type: 'lead',
    status: 'active',
    source: 'Website',
    tags: ['Enterprise'],
    owner: 'sales_rep',
    visibility: 'partner',
  },
  {
    firstName: 'Tom',
    lastName: 'Baker',
    email: 'tom@techstart.io',
    company: 'TechStart Inc',
    jobTitle: 'Operations Manager',
    phone: '(555) 118-2020',
    type: 'customer',
    status: 'active',
    source: 'Website',
    tags: ['SMB'],
    owner: 'owner',
    visibility: 'organization',
  },
  {
    firstName: 'Nina',
    lastName: 'Patel',
    email: 'nina@oldvendor.com',
    company: 'Old Vendor Co',
    jobTitle: 'Account Manager',
    phone: null,
    type: 'vendor',
    status: 'inactive',
    source: null,
    tags: [],
    owner: 'admin',
    visibility: 'organization',
  },
  {
    firstName: 'Greg',
    lastName: 'Olsen',
    email: 'greg@nocall.com',
    company: 'NoCall LLC',
    jobTitle: 'Owner',
    phone: '(555) 000-1111',
    type: 'other',
    status: 'do_not_contact',
    source: 'Import',
    tags: [],
    owner: 'admin',
    visibility: 'individual',
  },
];

export const contactsDemo: DemoFiller = async (tx, demo) => {
  const rows = demoContacts.map(({ owner, ...c }) => ({
    ...c,
    orgId: demo.orgId,
    id: uuidv7(),
    ownerId: demo.userIds[owner],
    partnerId: owner === 'partner' || owner === 'sales_rep' ? demo.partnerId : null,
    createdBy: demo.userIds[owner],
  }));
  // The demo organization starts with no default phone country (the settings' default).
  const created = await insertContacts(tx, rows, null);
  await tx.execute(
    sql`update org_usage set contacts = contacts + ${created.length} where org_id = ${demo.orgId}`,
  );
  await insertActivities(
    tx,
    created.map((c) => {
      const role = demoContacts.find((d) => d.email === c.email)!.owner;
      const ctx = {
        actor: {
          userId: c.ownerId,
          orgId: demo.orgId,
          role,
          partnerId: c.partnerId,
          name: '',
          email: '',
        },
      };
      return activityRow(ctx as Parameters<typeof activityRow>[0], { contactId: c.id }, 'created');
    }),
  );
};
