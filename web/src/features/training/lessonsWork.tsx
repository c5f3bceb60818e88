import type { ReactNode } from 'react';
import { Callout, IconCards, LessonTable, StatCards, Steps } from './parts';

/** Lessons 8–10 of the CRM training (templates, bulk work, statistics). */
export const lessonsWork: Record<string, ReactNode> = {
  templates: (
    <>
      <p>Templates save retyping: write a message once, reuse it with each contact's data.</p>
      <h4>Template categories</h4>
      <IconCards
        items={[
          {
            icon: 'mail',
            title: 'E-mail',
            text: 'A subject and a body: outreach, follow-ups, proposals',
            tone: 'blue',
          },
          { icon: 'phone', title: 'SMS', text: 'Short messages for reminders', tone: 'green' },
          {
            icon: 'note',
            title: 'Note',
            text: 'Standard call notes and meeting summaries',
            tone: 'amber',
          },
        ]}
      />
      <h4>A template with variables</h4>
      <article
        className="card example-template"
        aria-label="Example template: Follow-Up Email"
        data-testid="template-example"
      >
        <header>
          <span className="strong">Follow-Up Email</span>
          <span className="badge badge-blue">E-mail</span>
        </header>
        <p>
          <span className="muted">Subject:</span> Great speaking with you,{' '}
          <code>{'{{first_name}}'}</code>!
        </p>
        <p>
          Hi <code>{'{{first_name}}'}</code>,
        </p>
        <p>
          It was great connecting with you today about the <code>{'{{deal_title}}'}</code>{' '}
          opportunity.
        </p>
        <p>
          As discussed, the <code>{'{{deal_stage}}'}</code> stage involves reviewing the{' '}
          <code>{'{{deal_amount}}'}</code> proposal with your team at{' '}
          <code>{'{{company_name}}'}</code>.
        </p>
        <p>Looking forward to our next steps!</p>
        <p>Best regards</p>
      </article>
      <h4>All supported variables</h4>
      <LessonTable
        testId="template-variables"
        caption="Template variables"
        head={['Variable', 'Source', 'Example output']}
        rows={[
          ['first_name', 'Contact', 'Sarah'],
          ['last_name', 'Contact', 'Mitchell'],
          ['full_name', 'Contact', 'Sarah Mitchell'],
          ['email', 'Contact', 'sarah@acme.com'],
          ['phone', 'Contact', '(555) 234-5678'],
          ['company_name', 'Contact', 'Acme Corporation'],
          ['job_title', 'Contact', 'VP of Operations'],
          ['deal_title', 'Deal', 'Enterprise Platform'],
          ['deal_amount', 'Deal', '$120,000'],
          ['deal_stage', 'Deal', 'Negotiation'],
        ].map(([v, ...rest]) => [<code key="v">{`{{${v}}}`}</code>, ...rest])}
      />
      <p>
        Add a default after a bar for when the data is missing:{' '}
        <code>{'{{first_name|there}}'}</code>. A misspelled variable is pointed out when you save.
      </p>
      <h4>Template preview</h4>
      <p>
        The editor previews a template with a real contact and deal, so you see exactly what the
        recipient gets. <strong>Use template</strong> on a contact or deal copies the text and logs
        it on the timeline.
      </p>
      <Callout title="Tip: organization or personal templates">
        Shared templates are for the whole organization: use them for standard messages. Private
        templates are yours alone, for your own style.
      </Callout>
    </>
  ),
  bulk: (
    <>
      <p>Org admins and partners can work on many contacts at once (Growth plan and up).</p>
      <h4>Bulk update</h4>
      <p>Select contacts in the list, then change them all at once:</p>
      <ul>
        <li>
          <strong>Status</strong>: Active, Inactive or Do not contact.
        </li>
        <li>
          <strong>Tags</strong>: add tags to, or remove tags from, every selected contact.
        </li>
        <li>
          <strong>Visibility</strong>: commit them all up (you confirm, with the count and levels).
        </li>
      </ul>
      <p>
        It is all or nothing: if one selected contact cannot be changed, none is, and you are told
        which.
      </p>
      <h4>CSV export</h4>
      <Steps
        steps={[
          {
            title: 'Apply filters (optional)',
            text: 'Status, type, visibility or tag: the export follows them.',
          },
          { title: 'Click “Export”', text: 'A CSV file of every matching contact downloads.' },
        ]}
      />
      <h4>CSV import</h4>
      <Steps
        steps={[
          { title: 'Click “Import”', text: 'On the Contacts tab, and choose a CSV file.' },
          { title: 'Match the columns', text: 'See which column goes to which field.' },
          {
            title: 'Dry run',
            text: 'See the rows that would be refused, and what to do with e-mails that exist.',
          },
          { title: 'Import', text: 'A progress bar follows it; you can keep working meanwhile.' },
        ]}
      />
      <Callout tone="warning" title="Plan requirement">
        Import and export come with the Growth and Scale plans. On Starter the buttons are shown
        disabled.
      </Callout>
    </>
  ),
  stats: (
    <>
      <h4>Contact statistics</h4>
      <p>The dashboard gives you your contacts at a glance, for example:</p>
      <StatCards
        label="Example contact statistics"
        items={[
          { value: '247', label: 'Total contacts' },
          { value: '189', label: 'Active' },
          { value: '42', label: 'Leads' },
          { value: '16', label: 'Prospects' },
        ]}
      />
      <h4>Deal statistics</h4>
      <StatCards
        label="Example deal statistics"
        items={[
          { value: '$186,628', label: 'Pipeline value' },
          { value: '68%', label: 'Win rate' },
          { value: '$23,328', label: 'Avg deal size' },
          { value: '12', label: 'Open deals' },
        ]}
      />
      <p>
        Charts below them break the pipeline down by stage, in the stages' colors (value, count and
        weighted value), and show the win rate month by month, so you see where deals pile up. Every
        chart has a table view.
      </p>
      <h4>Best practices</h4>
      <Steps
        steps={[
          {
            title: 'Keep your pipeline clean',
            text: 'Review weekly; close or remove deals that have not moved in 30 days.',
          },
          {
            title: 'Use tags consistently',
            text: 'Agree on a small set: “Enterprise”, “SMB”, “Referral”, “Cold Outreach”.',
          },
          {
            title: 'Log every interaction',
            text: 'Calls, e-mails and meetings: the history helps when contacts change hands.',
          },
          {
            title: 'Use templates for consistency',
            text: 'Shared templates keep messages consistent and save time.',
          },
          {
            title: 'Commit up when ready',
            text: 'Once a lead is qualified, commit it up so others can help.',
          },
          {
            title: 'Track lost reasons',
            text: 'Price, timing, competition: patterns show over time.',
          },
        ]}
      />
    </>
  ),
};
