import type { ReactNode } from 'react';
import { Callout, IconCards, LessonTable, MiniBoard, Steps } from './parts';

/** The default stage colors (src/stages/defaults.ts), so the pictures match a new board. */
const color = {
  lead: '#64748b',
  qualified: '#0ea5e9',
  proposal: '#8b5cf6',
  negotiation: '#f59e0b',
  won: '#22c55e',
  lost: '#ef4444',
};

/** Lessons 6–7 of the CRM training (deals and stages), with the manual's pictures. */
export const lessonsPipeline: Record<string, ReactNode> = {
  deals: (
    <>
      <p>
        A deal is a sales opportunity linked to a contact. It moves through stages towards a win or
        a loss.
      </p>
      <h4>Pipeline view</h4>
      <p>On the Deals tab each stage is a column in its own color, with its deals as cards:</p>
      <MiniBoard
        label="Example pipeline"
        columns={[
          {
            name: 'Lead',
            color: color.lead,
            count: 2,
            deals: [
              {
                title: 'Website Redesign',
                amount: '$12,000',
                contact: 'Sarah Mitchell',
                probability: '10%',
              },
              {
                title: 'Annual License',
                amount: '$540',
                contact: 'James Rodriguez',
                probability: '20%',
              },
            ],
          },
          {
            name: 'Qualified',
            color: color.qualified,
            count: 1,
            deals: [
              {
                title: 'ERP Integration',
                amount: '$45,000',
                contact: 'Lisa Chen',
                probability: '40%',
              },
            ],
          },
          {
            name: 'Proposal',
            color: color.proposal,
            count: 1,
            deals: [
              {
                title: 'Consulting Package',
                amount: '$8,500',
                contact: 'Mark Davis',
                probability: '60%',
              },
            ],
          },
          {
            name: 'Negotiation',
            color: color.negotiation,
            count: 1,
            deals: [
              {
                title: 'Enterprise Platform',
                amount: '$120,000',
                contact: 'Rachel Kim',
                probability: '80%',
              },
            ],
          },
          {
            name: 'Won',
            color: color.won,
            count: 1,
            deals: [{ title: 'Starter Plan', amount: '$588', contact: 'Tom Baker' }],
          },
        ]}
      />
      <h4>Deal fields</h4>
      <LessonTable
        caption="Deal fields"
        head={['Field', 'What it holds']}
        rows={[
          ['Title', 'The name of the deal, such as “Enterprise Platform License”'],
          ['Amount', 'The value of the opportunity'],
          ['Currency', 'USD unless you choose another'],
          ['Probability', 'How likely it is to close, 0–100 % (follows the stage unless set)'],
          ['Expected close date', 'When you expect to close it'],
          ['Contact', 'The contact the deal is for'],
          ['Stage', 'Where it is in the pipeline'],
          ['Description', 'Notes and details'],
          ['Tags', 'Labels for grouping'],
          ['Source', 'How the lead came in: referral, cold outreach…'],
        ]}
      />
      <h4>Creating a deal</h4>
      <Steps
        steps={[
          { title: 'Go to the Deals tab', text: 'In the CRM section.' },
          { title: 'Click “Add deal”', text: 'The form opens.' },
          {
            title: 'Fill in the details',
            text: 'Title, amount, probability, expected close date and contact.',
          },
          { title: 'Choose the first stage', text: 'Usually Lead.' },
        ]}
      />
      <h4>Moving deals through the pipeline</h4>
      <ul>
        <li>
          <strong>On the board</strong>: drag a card to another column. With the keyboard: focus a
          card, press Space, move with the arrow keys, press Space again.
        </li>
        <li>
          <strong>On a deal's page</strong>: <strong>Move stage</strong> and pick the stage.
        </li>
      </ul>
      <p>Every move is logged on the deal's timeline, with who moved it and when.</p>
      <h4>Winning and losing</h4>
      <ul>
        <li>
          <strong>Won</strong>: move it to a won stage; the time of the win is recorded.
        </li>
        <li>
          <strong>Lost</strong>: move it to a lost stage and give the reason, to learn why deals
          fail.
        </li>
      </ul>
      <Callout title="Deal analytics">
        The CRM works out your win rate (won ÷ closed deals), average deal size and pipeline value.
        See the statistics on the Deals tab.
      </Callout>
    </>
  ),
  stages: (
    <>
      <p>
        Every organization starts with default stages; org admins shape them under CRM → Settings →
        Pipeline stages.
      </p>
      <h4>Default stages</h4>
      <MiniBoard
        label="Default stages"
        columns={(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const).map(
          (s) => ({
            name: s[0]!.toUpperCase() + s.slice(1),
            color: color[s],
            count: 0,
            deals: [],
          }),
        )}
      />
      <h4>Stage properties</h4>
      <LessonTable
        testId="stage-properties"
        caption="Stage properties"
        head={['Property', 'What it does']}
        rows={[
          ['Name', 'What the column shows, such as “Demo Scheduled”'],
          ['Slug', 'A URL-friendly identifier, made from the name'],
          ['Color', 'The color of the column and of its charts'],
          ['Display order', 'The position in the pipeline, left to right'],
          ['Probability', 'The default probability of deals that enter the stage'],
          ['Is won', 'Marks a win stage (one is usual)'],
          ['Is lost', 'Marks a loss stage (one is usual)'],
        ]}
      />
      <h4>What you can do</h4>
      <IconCards
        items={[
          {
            icon: 'plus',
            title: 'Add stages',
            text: '“Demo Scheduled”, “Contract Sent”, “Pending Approval”…',
          },
          { icon: 'edit', title: 'Rename stages', text: "Use your industry's words" },
          {
            icon: 'refresh',
            title: 'Reorder stages',
            text: 'Drag the handle to rearrange the flow',
          },
          {
            icon: 'trash',
            title: 'Delete stages',
            text: 'Only once their deals have moved on',
            tone: 'red',
          },
        ]}
      />
      <Callout tone="warning" title="Stages are soft-deleted">
        A stage that still holds deals cannot be deleted: move its deals first. A deleted stage is
        only marked inactive, so the history of the deals that passed through it stays.
      </Callout>
    </>
  ),
};
