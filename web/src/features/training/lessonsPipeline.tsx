import type { ReactNode } from 'react';

/** Lessons 6–10 of the CRM training. */
export const lessonsPipeline: Record<string, ReactNode> = {
  deals: (
    <>
      <p>
        A deal is a sales opportunity linked to a contact. On the Deals tab each pipeline stage is a
        column, in its own color, with the number of deals and their total value.
      </p>
      <h4>Deal fields</h4>
      <p>
        Title, amount and currency (USD by default), probability (0–100 %), expected close date,
        contact, stage, description, tags and source.
      </p>
      <h4>Adding a deal</h4>
      <ol>
        <li>
          On the Deals tab, click <strong>Add deal</strong>.
        </li>
        <li>Enter the title and amount, choose the contact.</li>
        <li>
          Pick the first stage (Lead by default); the probability follows the stage unless you set
          it.
        </li>
      </ol>
      <h4>Moving deals</h4>
      <p>
        Drag a card to another column or to another place in its column. With the keyboard: focus a
        card, press Space, move with the arrow keys, press Space again. On a deal's page, use{' '}
        <strong>Move stage</strong>.
      </p>
      <p>
        Every move is logged on the deal's timeline with who moved it and when. A won stage records
        the win time; a lost stage asks for the reason.
      </p>
      <p className="callout">
        📊 The statistics on the Deals tab show the win rate (won ÷ closed deals), the average deal
        size and the pipeline value.
      </p>
    </>
  ),
  stages: (
    <>
      <p>
        Every organization starts with Lead, Qualified, Proposal, Negotiation, Won 🏆 and Lost. Org
        admins shape them under CRM → Settings → Pipeline stages.
      </p>
      <ul>
        <li>Name and color: what the column shows.</li>
        <li>Probability: the default for deals that enter the stage.</li>
        <li>Won or Lost: marks the outcome stages (one of each is usual).</li>
        <li>Order: drag the handle to reorder the columns.</li>
      </ul>
      <p>
        Add stages such as “Demo Scheduled” or “Contract Sent”, rename them to your industry's
        words, and delete those you do not need.
      </p>
      <p className="callout">
        ⚠ A stage that still holds deals cannot be deleted: move its deals first. Deleted stages
        stay in the history of the deals that passed through them.
      </p>
    </>
  ),
  templates: (
    <>
      <p>Templates save retyping: write a message once and reuse it with each contact's data.</p>
      <ul>
        <li>📧 E-mail: a subject and a body, for outreach and follow-ups.</li>
        <li>📱 SMS: short reminders.</li>
        <li>📝 Note: standard call notes and meeting summaries.</li>
      </ul>
      <h4>Variables</h4>
      <p>
        Write a variable between double curly braces: <code>{'{{first_name}}'}</code>,{' '}
        <code>{'{{last_name}}'}</code>, <code>{'{{full_name}}'}</code>, <code>{'{{email}}'}</code>,{' '}
        <code>{'{{phone}}'}</code>, <code>{'{{company_name}}'}</code>,{' '}
        <code>{'{{job_title}}'}</code>, <code>{'{{deal_title}}'}</code>,{' '}
        <code>{'{{deal_amount}}'}</code> and <code>{'{{deal_stage}}'}</code>. Add a default after a
        bar: <code>{'{{first_name|there}}'}</code>. A misspelled variable is pointed out when you
        save.
      </p>
      <h4>Preview and use</h4>
      <p>
        The editor previews the template with a real contact and deal. <strong>Use template</strong>{' '}
        on a contact or deal copies the text to your clipboard and logs it on the timeline.
      </p>
      <p className="callout">
        💡 Private templates are yours alone; shared ones are for the whole team. Use shared
        templates for standard messages.
      </p>
    </>
  ),
  bulk: (
    <>
      <p>Org admins and partners can work on many contacts at once.</p>
      <h4>Bulk update</h4>
      <p>
        Select contacts in the list, then set their status, add or remove tags, or raise their
        visibility in one step. It is all or nothing: if one selected contact cannot be changed,
        none is, and you are told which.
      </p>
      <h4>Import</h4>
      <p>
        <strong>Import</strong> on the Contacts tab takes a CSV file. You see which column goes to
        which field, a dry run lists the rows that would be refused, you choose what to do with
        e-mails that already exist (skip, update or create), and a progress bar follows the import.
      </p>
      <h4>Export</h4>
      <p>
        <strong>Export</strong> downloads the contacts that match your current filters, so you can
        export a targeted subset. An export imports back unchanged.
      </p>
      <p className="callout">
        ⚠ Import and export come with the Growth and Scale plans. On Starter the buttons are shown
        disabled.
      </p>
    </>
  ),
  stats: (
    <>
      <p>
        The Dashboard counts your contacts by status and type. The Deals tab adds pipeline value,
        weighted value, win rate, average deal size and open deals, with charts per stage and won
        versus lost, so you can see where deals pile up.
      </p>
      <h4>Good habits</h4>
      <ol>
        <li>Keep the pipeline clean: review weekly, close deals that have not moved in 30 days.</li>
        <li>Agree on a small set of tags and use them consistently.</li>
        <li>Log every call, e-mail and meeting.</li>
        <li>Use shared templates for consistent messages.</li>
        <li>Commit up when a lead is qualified, so others can help.</li>
        <li>Always give a lost reason: price, timing and competition patterns show over time.</li>
      </ol>
    </>
  ),
};
