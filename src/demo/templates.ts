import { v7 as uuidv7 } from 'uuid';
import type { DemoFiller } from './seed.js';
import { insertTemplate, type NewTemplate } from '../templates/repo.js';

type Sample = Pick<NewTemplate, 'category' | 'name' | 'subject' | 'body'>;

/** Shared templates from the training manual (lesson 8), owned by the demo admin. */
export const demoTemplates: Sample[] = [
  {
    category: 'email',
    name: 'Follow-Up Email',
    subject: 'Great speaking with you, {{first_name}}!',
    body: [
      'Hi {{first_name}},',
      '',
      'It was great connecting with you today about the {{deal_title}} opportunity.',
      '',
      'As discussed, the {{deal_stage}} stage involves reviewing the {{deal_amount}} proposal with your team at {{company_name}}.',
      '',
      'Looking forward to our next steps!',
      '',
      'Best regards',
    ].join('\n'),
  },
  {
    category: 'sms',
    name: 'Meeting Reminder',
    subject: null,
    body: 'Hi {{first_name|there}}, a quick reminder about our call on {{deal_name|your project}} tomorrow. Reply here if the time no longer works.',
  },
  {
    category: 'note',
    name: 'Discovery Call Notes',
    subject: null,
    body: [
      'Call with {{full_name}} ({{job_title|role unknown}}, {{company|no company}}).',
      'Deal: {{deal_title|none yet}} at {{deal_stage|no stage}}, {{deal_amount|no amount}}.',
      '',
      'Pain points:',
      'Decision makers:',
      'Next steps:',
    ].join('\n'),
  },
];

export const templatesDemo: DemoFiller = async (tx, demo) => {
  for (const t of demoTemplates) {
    await insertTemplate(tx, {
      ...t,
      orgId: demo.orgId,
      id: uuidv7(),
      visibility: 'organization',
      ownerId: demo.userIds.admin,
    });
  }
};
