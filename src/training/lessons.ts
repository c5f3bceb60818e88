// The CRM training course (seed 000, the CRM Training Manual), as data. The
// correct quiz answers live here, on the server only: the client is sent the
// questions and options, never `answer`, so a score cannot be forged.

export const trainingRoles = ['org_admin', 'partner', 'sales_rep'] as const;
export type TrainingRole = (typeof trainingRoles)[number];

export type QuizOption = { id: string; text: string };
/** `explanation` says why the answer is right; it is sent only with the caller's own answer. */
export type Quiz = { question: string; options: QuizOption[]; answer: string; explanation: string };
export type Lesson = {
  id: string;
  title: string;
  summary: string;
  roles: TrainingRole[];
  quiz: Quiz | null;
};

const everyone: TrainingRole[] = ['org_admin', 'partner', 'sales_rep'];

const options = (...texts: string[]): QuizOption[] =>
  texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));

export const lessons: readonly Lesson[] = [
  {
    id: 'welcome',
    title: 'Welcome & CRM overview',
    summary: 'What the CRM does and who it is for',
    roles: everyone,
    quiz: null,
  },
  {
    id: 'navigation',
    title: 'Navigating the CRM',
    summary: 'Finding your way around the four CRM tabs',
    roles: everyone,
    quiz: null,
  },
  {
    id: 'contacts',
    title: 'Managing contacts',
    summary: 'Creating, editing, searching and organizing contacts',
    roles: everyone,
    quiz: {
      question: 'What is the minimum information required to create a contact?',
      options: options(
        'Full name, e-mail, phone, company and address',
        'First name, last name and e-mail',
        'Just an e-mail address',
        'Name and phone number',
      ),
      answer: 'b',
      explanation:
        'First name, last name and e-mail are all a contact needs. Company, phone, job title, address, tags and the rest can be added now or later.',
    },
  },
  {
    id: 'activities',
    title: 'Contact activities & timeline',
    summary: 'Logging calls, e-mails, meetings and notes',
    roles: everyone,
    quiz: null,
  },
  {
    id: 'visibility',
    title: 'Visibility & permissions',
    summary: 'The commit-up model and role-based access',
    roles: everyone,
    quiz: {
      question: 'A sales rep creates a contact at "Individual" visibility. Who can see it?',
      options: options(
        'Only the sales rep',
        'The sales rep and their partner',
        'The sales rep and the org admin (compliance override)',
        'Everyone in the organization',
      ),
      answer: 'c',
      explanation:
        "Individual means private to its owner, with one exception: org owners and admins can always see every record (the compliance override). The rep's partner sees it only once it is committed up to Partner.",
    },
  },
  {
    id: 'deals',
    title: 'Deals & pipeline management',
    summary: 'Creating deals, tracking opportunities and using the kanban board',
    roles: everyone,
    quiz: {
      question: 'What happens when you move a deal from "Qualified" to "Proposal"?',
      options: options(
        'Nothing: the deal just moves silently',
        'An activity is logged with the stage change, who moved it and when',
        'An e-mail is sent to the contact automatically',
        'The deal amount changes automatically',
      ),
      answer: 'b',
      explanation:
        "Every stage move is logged on the deal's timeline as an activity, with who moved it and when. Nothing is sent to the contact and the amount does not change.",
    },
  },
  {
    id: 'stages',
    title: 'Customizing pipeline stages',
    summary: 'Creating, reordering and managing your sales stages',
    roles: ['org_admin'],
    quiz: null,
  },
  {
    id: 'templates',
    title: 'Templates & variable substitution',
    summary: 'Reusable e-mail, SMS and note templates',
    roles: everyone,
    quiz: {
      question: "What syntax inserts a contact's first name into a template?",
      options: options('{first_name}', '%first_name%', '{{first_name}}', '[first_name]'),
      answer: 'c',
      explanation:
        'Variables go between double curly braces, like {{first_name}}. Single braces, percent signs and square brackets are left in the text as typed.',
    },
  },
  {
    id: 'bulk',
    title: 'Bulk operations, import & export',
    summary: 'Working with contacts at scale',
    roles: ['org_admin', 'partner'],
    quiz: {
      question: 'Which plans support contact import and export?',
      options: options(
        'All plans (Starter, Growth, Scale)',
        'Scale only',
        'Growth and Scale',
        'Enterprise only',
      ),
      answer: 'c',
      explanation:
        'Import and export come with the Growth and Scale plans. On Starter the buttons are shown, disabled, with the reason.',
    },
  },
  {
    id: 'stats',
    title: 'CRM statistics & best practices',
    summary: 'Pipeline analytics and power-user habits',
    roles: everyone,
    quiz: {
      question: 'Which of these is NOT a default pipeline stage?',
      options: options('Lead', 'Qualified', 'Negotiation', 'Demo Scheduled'),
      answer: 'd',
      explanation:
        'The default stages are Lead, Qualified, Proposal, Negotiation, Won and Lost. Demo Scheduled is an example of a custom stage an org admin can add.',
    },
  },
];

export const findLesson = (id: string): Lesson | undefined => lessons.find((l) => l.id === id);
export const quizCount = lessons.filter((l) => l.quiz !== null).length;
