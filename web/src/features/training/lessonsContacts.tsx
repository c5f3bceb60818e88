import type { ReactNode } from 'react';
import {
  Badges,
  Callout,
  CommitUpFlow,
  Configurable,
  ContactCard,
  IconCards,
  LessonTable,
  No,
  Steps,
  TabsPicture,
  Yes,
} from './parts';

/** Lessons 1–5 of the CRM training, with the manual's tables and pictures. */
export const lessonsContacts: Record<string, ReactNode> = {
  welcome: (
    <>
      <p>
        Kantivo CRM is the customer relationship management built into the Kantivo Platform. It
        follows your sales from the first contact to the closed deal, with no separate tool and no
        extra sign-in.
      </p>
      <h4>Who it is for</h4>
      <Badges
        items={[
          { label: 'Org admins and employees', tone: 'indigo' },
          { label: 'Partners and resellers', tone: 'teal' },
          { label: 'Sales reps', tone: 'blue' },
        ]}
      />
      <p>Each role can do different things; the badges on every lesson show who it is for.</p>
      <h4>Core features at a glance</h4>
      <IconCards
        testId="feature-cards"
        items={[
          {
            icon: 'users',
            title: 'Contacts',
            text: 'A contact database with tags and custom fields',
          },
          {
            icon: 'pipeline',
            title: 'Deals & pipeline',
            text: 'A kanban board with stages you shape',
          },
          { icon: 'activity', title: 'Activities', text: 'Calls, e-mails, meetings and notes' },
          { icon: 'template', title: 'Templates', text: 'Reusable e-mail, SMS and note texts' },
          { icon: 'lock', title: 'Permissions', text: 'Visibility levels with commit-up' },
          { icon: 'dashboard', title: 'Analytics', text: 'Pipeline value, win rate, deal size' },
        ]}
      />
      <h4>Plan limits</h4>
      <LessonTable
        testId="plan-limits"
        caption="Plan limits"
        head={['Feature', 'Starter', 'Growth', 'Scale']}
        rows={[
          ['CRM core', <Yes key="s" />, <Yes key="g" />, <Yes key="c" />],
          ['Contacts', '500', 'Unlimited', 'Unlimited'],
          ['Deals', '50', 'Unlimited', 'Unlimited'],
          ['Import / export', <No key="s" />, <Yes key="g" />, <Yes key="c" />],
          ['Custom fields', <No key="s" />, <Yes key="g" />, <Yes key="c" />],
        ]}
      />
      <Callout title="Key concept: a CRM per organization">
        Every organization has its own, isolated CRM: data never crosses from one organization to
        another. Partners and reps work inside their organization's CRM with controlled visibility.
      </Callout>
    </>
  ),
  navigation: (
    <>
      <p>
        Open <strong>CRM</strong> in the sidebar of the Admin Portal or the Partner Portal. This is
        what it looks like:
      </p>
      <TabsPicture active="Contacts" />
      <h4>The four CRM tabs</h4>
      <Steps
        steps={[
          {
            title: 'Contacts',
            text: 'Your contact database: search, filter, create and edit contacts, see their activity and link them to platform customers.',
          },
          {
            title: 'Deals',
            text: 'Your pipeline as a kanban board or a list, with its statistics. Create deals, move them through stages, track wins and losses.',
          },
          {
            title: 'Templates',
            text: 'Reusable e-mail, SMS and note texts with variables such as {{first_name}}.',
          },
          {
            title: 'Settings',
            text: 'Visibility rules, limits, commit-up policies, pipeline stages and custom fields. Org admins only.',
          },
        ]}
      />
      <Callout title="Tip">
        The address of every page can be shared: a filtered contact list or a deal opens the same
        way for a colleague who may read it.
      </Callout>
    </>
  ),
  contacts: (
    <>
      <p>Contacts are the base of the CRM: every lead, prospect, customer and vendor lives here.</p>
      <h4>Contact fields</h4>
      <IconCards
        items={[
          { icon: 'user', title: 'Identity', text: 'First name, last name, e-mail, phone' },
          { icon: 'building', title: 'Professional', text: 'Company, job title, website' },
          { icon: 'link', title: 'Address', text: 'Street, city, state, postal code, country' },
          {
            icon: 'star',
            title: 'Classification',
            text: 'Type, status, source, tags, custom fields',
          },
        ]}
      />
      <h4>Contact types</h4>
      <Badges
        items={[
          { label: 'Lead', tone: 'blue' },
          { label: 'Prospect', tone: 'violet' },
          { label: 'Customer', tone: 'green' },
          { label: 'Vendor', tone: 'amber' },
          { label: 'Other', tone: 'gray' },
        ]}
      />
      <h4>Contact statuses</h4>
      <Badges
        items={[
          { label: 'Active', tone: 'green', dot: true },
          { label: 'Inactive', tone: 'gray', dot: true },
          { label: 'Do not contact', tone: 'red', dot: true },
        ]}
      />
      <h4>What contacts look like</h4>
      <div className="example-contacts" data-testid="contact-examples">
        <ContactCard
          c={{
            initials: 'SM',
            name: 'Sarah Mitchell',
            title: 'VP of Operations',
            email: 'sarah@acmecorp.com',
            company: 'Acme Corporation',
            phone: '(555) 234-5678',
            tags: ['Enterprise', 'Referral'],
            status: { label: 'Active', tone: 'green' },
          }}
        />
        <ContactCard
          c={{
            initials: 'JR',
            name: 'James Rodriguez',
            title: 'Founder & CEO',
            email: 'james@startupxyz.io',
            company: 'Startup XYZ',
            phone: '(555) 876-5432',
            tags: ['SMB', 'Cold Outreach'],
            status: { label: 'Lead', tone: 'blue' },
          }}
        />
      </div>
      <h4>Creating a contact</h4>
      <Steps
        steps={[
          { title: 'Click “Add contact”', text: 'On the Contacts tab, top right.' },
          {
            title: 'Fill in the details',
            text: 'First name, last name and e-mail at least; company, phone, job title and address as needed.',
          },
          {
            title: 'Set type and status',
            text: 'Lead, Prospect, Customer, Vendor or Other; Active, Inactive or Do not contact.',
          },
          {
            title: 'Add tags',
            text: 'Such as “Enterprise”, “Referral” or “Trade Show”, for filtering later.',
          },
          {
            title: 'Set visibility',
            text: 'Individual (private), Partner (your team) or Organization (everyone).',
          },
        ]}
      />
      <h4>Searching and filtering</h4>
      <ul>
        <li>
          <strong>Search</strong>: first and last name, e-mail, company, phone, notes and tags (two
          characters or more).
        </li>
        <li>
          <strong>Status</strong>, <strong>type</strong>, <strong>visibility</strong> and{' '}
          <strong>tag</strong> filters narrow the list.
        </li>
      </ul>
      <Callout title="Tip: linking contacts to customers">
        Link a contact to a platform customer with <strong>Link customer</strong> on its page. This
        connects your pipeline to billing.
      </Callout>
    </>
  ),
  activities: (
    <>
      <p>Every interaction with a contact or deal is kept on its timeline, newest first.</p>
      <h4>Activity types</h4>
      <IconCards
        testId="activity-types"
        items={[
          {
            icon: 'note',
            title: 'Note',
            text: 'Internal notes about a contact or conversation',
            tone: 'amber',
          },
          { icon: 'mail', title: 'E-mail', text: 'E-mails sent or received', tone: 'blue' },
          { icon: 'phone', title: 'Call', text: 'Phone calls, with what was said', tone: 'green' },
          {
            icon: 'calendar',
            title: 'Meeting',
            text: 'Meetings and their outcome',
            tone: 'violet',
          },
        ]}
      />
      <h4>What the CRM logs for you</h4>
      <ul>
        <li>
          <strong>Created</strong>: when the record was added.
        </li>
        <li>
          <strong>Field update</strong>: every changed field, old and new value.
        </li>
        <li>
          <strong>Status change</strong>: Active → Inactive, and so on.
        </li>
        <li>
          <strong>Visibility change</strong>: a commit-up.
        </li>
        <li>
          <strong>Import</strong>: a contact added by a CSV import.
        </li>
        <li>Stage moves, won and lost deals, linked customers and used templates.</li>
      </ul>
      <Callout title="Key concept: an audit trail that cannot change">
        Activities cannot be edited or deleted, not even by an administrator: the database refuses
        it. Each entry records who did it, when, and in which role.
      </Callout>
      <h4>Adding an activity</h4>
      <Steps
        steps={[
          { title: 'Open a contact', text: 'Or a deal: click it in the list or on the board.' },
          { title: 'Find “Log activity”', text: 'Below the details, above the timeline.' },
          { title: 'Choose the type', text: 'Note, E-mail, Call or Meeting.' },
          {
            title: 'Describe what happened',
            text: 'Be specific: your future self will thank you.',
          },
        ]}
      />
      <Callout tone="success" title="Best practice: log right away">
        Log calls and meetings right after they happen, while the details are fresh. Your pipeline
        stays accurate and your team stays informed.
      </Callout>
    </>
  ),
  visibility: (
    <>
      <p>
        Every contact and deal has a visibility level that decides who can read it: privacy for a
        team, oversight for the organization.
      </p>
      <h4>Three visibility levels</h4>
      <LessonTable
        testId="visibility-levels"
        caption="Visibility levels"
        head={['Level', 'Who can see it', 'Best for']}
        rows={[
          [
            'Organization',
            'Everyone in the organization',
            'Committed deals the whole team should know about',
          ],
          [
            'Partner',
            "The owner's partner, its sales reps, and org admins",
            'Team collaboration on shared deals',
          ],
          ['Individual', 'Only the owner, and org admins', 'Personal leads not yet qualified'],
        ]}
      />
      <h4>The commit-up flow</h4>
      <p>Records start at the lowest allowed level and can be committed up, never back down:</p>
      <CommitUpFlow />
      <Callout tone="warning" title="Committing up is permanent">
        Once a record moves from Individual to Partner (or Partner to Organization) it cannot move
        back down. The product asks you to confirm, with the levels, before it commits.
      </Callout>
      <h4>Permission matrix by role</h4>
      <LessonTable
        testId="permission-matrix"
        caption="Permission matrix by role"
        head={['Action', 'Org admin', 'Partner', 'Sales rep']}
        rows={[
          ['Create contacts', <Yes key="a" />, <Yes key="p" />, <Yes key="r" />],
          [
            'Read contacts',
            <Yes key="a">All</Yes>,
            <Yes key="p">Own + partner</Yes>,
            <Yes key="r">Own</Yes>,
          ],
          ['Update contacts', <Yes key="a">All</Yes>, <Yes key="p">Own</Yes>, <No key="r" />],
          ['Delete contacts', <Yes key="a" />, <No key="p" />, <No key="r" />],
          ['Commit up', <Yes key="a" />, <Yes key="p" />, <Configurable key="r" />],
          ['CRM settings', <Yes key="a" />, <No key="p" />, <No key="r" />],
        ]}
      />
      <h4>Configurable settings (org admins)</h4>
      <ul>
        <li>
          <strong>Allow private contacts</strong>: let users create Individual records.
        </li>
        <li>
          <strong>Require commit to partner</strong>: new records start at Partner at least.
        </li>
        <li>
          <strong>Require commit to organization</strong>: new records start at Organization.
        </li>
        <li>
          <strong>Partners can see organization contacts</strong>.
        </li>
        <li>
          <strong>Reps can commit upward</strong>: let sales reps raise visibility themselves.
        </li>
        <li>
          <strong>Max contacts per organization</strong>: a cap below the plan's.
        </li>
      </ul>
      <Callout title="Compliance safety net">
        Org owners and admins always see every record, even an Individual one, so nothing is lost
        when someone leaves.
      </Callout>
    </>
  ),
};
