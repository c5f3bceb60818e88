import type { ReactNode } from 'react';

/** Lessons 1–5 of the CRM training, written for Kantivo CRM's own screens. */
export const lessonsContacts: Record<string, ReactNode> = {
  welcome: (
    <>
      <p>
        Kantivo CRM is the customer relationship management built into the Kantivo Platform. It
        follows your sales from the first contact to the closed deal, with no separate tool and no
        extra sign-in.
      </p>
      <h4>Who it is for</h4>
      <p>
        Org admins and employees work in the Admin Portal; partners (resellers) and their sales reps
        work in the Partner Portal. Each role can do different things, and the badges on every
        lesson show who it is for.
      </p>
      <h4>What it does</h4>
      <ul>
        <li>📇 Contacts: a full contact database with tags and custom fields.</li>
        <li>💰 Deals and pipeline: a kanban board with stages you can customize.</li>
        <li>📝 Activities: calls, e-mails, meetings and notes on an immutable timeline.</li>
        <li>📨 Templates: reusable e-mail, SMS and note texts with variables.</li>
        <li>🔒 Permissions: visibility levels with the commit-up model.</li>
        <li>📊 Analytics: pipeline value, win rate and average deal size.</li>
      </ul>
      <h4>Plans</h4>
      <p>
        Starter includes 500 contacts and 50 deals. Growth and Scale remove those caps and add CSV
        import and export and custom fields.
      </p>
      <p className="callout">
        💡 Every organization has its own, isolated CRM: data never crosses from one organization to
        another. Partners and reps work inside their organization's CRM with controlled visibility.
      </p>
    </>
  ),
  navigation: (
    <>
      <p>
        Open <strong>CRM</strong> in the sidebar of either portal. The CRM has four tabs:
      </p>
      <ol>
        <li>
          <strong>Contacts</strong>: search, filter, create and edit contacts, see their activity
          and link them to platform customers.
        </li>
        <li>
          <strong>Deals</strong>: your pipeline as a board or a list, with statistics above it.
        </li>
        <li>
          <strong>Templates</strong>: reusable messages with variables such as{' '}
          <code>{'{{first_name}}'}</code>.
        </li>
        <li>
          <strong>Settings</strong>: visibility rules, limits, stages and custom fields. Org admins
          only.
        </li>
      </ol>
      <p className="callout">
        💡 The address of every page can be shared: a filtered contact list or a deal opens the same
        way for a colleague who may read it.
      </p>
    </>
  ),
  contacts: (
    <>
      <p>Contacts are the base of the CRM: every lead, prospect, customer and vendor lives here.</p>
      <h4>Fields</h4>
      <ul>
        <li>Identity: first name, last name, e-mail, phone and mobile.</li>
        <li>Work: company, job title, website, LinkedIn.</li>
        <li>Address: street, city, state, postal code, country.</li>
        <li>Classification: type, status, source, tags, notes and custom fields.</li>
      </ul>
      <p>
        Types are Lead, Prospect, Customer, Vendor and Other. Statuses are Active, Inactive and Do
        not contact.
      </p>
      <h4>Adding a contact</h4>
      <ol>
        <li>
          On the Contacts tab, click <strong>Add contact</strong>.
        </li>
        <li>Enter at least the first name, last name and e-mail.</li>
        <li>Choose the type and status, add tags such as “Enterprise” or “Referral”.</li>
        <li>Choose who can see it: Individual, Partner or Organization.</li>
      </ol>
      <h4>Finding contacts</h4>
      <p>
        The search box matches first and last name, e-mail, company, phone and notes (two characters
        or more). Filters narrow by status, type, visibility and tag.
      </p>
      <p className="callout">
        💡 Link a contact to a platform customer with <strong>Link customer</strong> to connect your
        pipeline to billing.
      </p>
    </>
  ),
  activities: (
    <>
      <p>Every interaction with a contact or deal is kept on its timeline, newest first.</p>
      <h4>What you log</h4>
      <ul>
        <li>📝 Notes about a contact or conversation.</li>
        <li>📧 E-mails sent or received.</li>
        <li>📞 Calls, with what was said.</li>
        <li>📅 Meetings and their outcome.</li>
      </ul>
      <h4>What the CRM logs for you</h4>
      <p>
        Creation, every field change (old and new value), status changes, commit-ups, stage moves,
        won and lost deals, imports, linked customers and used templates.
      </p>
      <p className="callout">
        🔐 Activities cannot be edited or deleted, not even by an administrator: the database
        refuses it. Each entry records who did it, when, and in which role.
      </p>
      <p>
        To log one, open the contact or deal, choose the type in the activity form, describe what
        happened and save. Log right after the call or meeting, while the details are fresh.
      </p>
    </>
  ),
  visibility: (
    <>
      <p>Every contact and deal has a visibility level that decides who can read it.</p>
      <ul>
        <li>
          👤 <strong>Individual</strong>: the owner, and org admins.
        </li>
        <li>
          🤝 <strong>Partner</strong>: the owner's partner and its sales reps, and org admins.
        </li>
        <li>
          🏢 <strong>Organization</strong>: everyone in the organization (partner users only when
          the setting allows it).
        </li>
      </ul>
      <h4>Commit-up</h4>
      <p>
        Records start at the lowest allowed level and can be committed up: Individual → Partner →
        Organization. Never back down. Use <strong>Commit up</strong> on a contact when the team
        should help move it forward.
      </p>
      <h4>Who may do what</h4>
      <ul>
        <li>Org admins read, change and delete every record, and commit any of them up.</li>
        <li>Partners change their own records and commit them up.</li>
        <li>
          Sales reps create records; editing and committing up are settings an admin can turn on.
        </li>
      </ul>
      <p className="callout">
        🛡 Org admins always see every record, even an Individual one, so nothing is lost when
        someone leaves.
      </p>
    </>
  ),
};
