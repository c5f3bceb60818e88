import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  parseTemplate,
  renderTemplate,
  valuesFor,
  variableCatalog,
  variablesOf,
  type RenderData,
} from './render.js';

const sarah: RenderData = {
  contact: {
    firstName: 'Sarah',
    lastName: 'Mitchell',
    email: 'sarah@acme.com',
    phone: '(555) 234-5678',
    company: 'Acme Corporation',
    jobTitle: 'VP of Operations',
  },
  deal: {
    title: 'Enterprise Platform',
    amount: '120000.00',
    currency: 'USD',
    stageName: 'Negotiation',
  },
};

const render = (text: string, data: RenderData = sarah) => renderTemplate(text, valuesFor(data));
const messages = (text: string) => parseTemplate(text).issues.map((i) => i.message);

describe('rendering variables', () => {
  it('when each variable and alias is used, then it renders the training manual example', () => {
    for (const v of variableCatalog) {
      const out = render(`{{${v.name}}}`);
      expect(out, v.name).toEqual({ text: v.example, missing: [] });
    }
    expect(variableCatalog.map((v) => v.name)).toEqual([
      'first_name',
      'last_name',
      'full_name',
      'email',
      'phone',
      'company_name',
      'job_title',
      'deal_title',
      'deal_amount',
      'deal_stage',
      'company',
      'deal_name',
    ]);
  });

  it('when the follow-up e-mail of lesson 8 is rendered, then every placeholder is replaced', () => {
    const out = render(
      'Hi {{first_name}}, about {{deal_title}}: the {{deal_stage}} stage reviews the {{deal_amount}} proposal with {{company_name}}.',
    );
    expect(out.text).toBe(
      'Hi Sarah, about Enterprise Platform: the Negotiation stage reviews the $120,000 proposal with Acme Corporation.',
    );
  });

  it('when spaces surround the name inside the braces, then the variable still renders', () => {
    expect(render('Hi {{ first_name }} / {{first_name  }} / {{  full_name|x }}').text).toBe(
      'Hi Sarah / Sarah / Sarah Mitchell',
    );
  });

  it('when a value is empty, then its fallback is used; when present, the fallback is ignored', () => {
    const noPhone: RenderData = { contact: { ...sarah.contact!, phone: '  ', jobTitle: null } };
    expect(
      render('{{phone|no phone}} / {{ job_title | there }} / {{first_name|friend}}', noPhone),
    ).toEqual({ text: 'no phone / there / Sarah', missing: [] });
  });

  it('when a value is empty and has no fallback, then it renders empty and is listed once as missing', () => {
    const out = render(
      'Hi {{first_name}}|{{deal_title}}|{{deal_name}}|{{deal_title}}|{{deal_stage|}}|',
      {
        contact: sarah.contact!,
      },
    );
    expect(out).toEqual({ text: 'Hi Sarah|||||', missing: ['deal_title', 'deal_name'] });
  });

  it('when there is no contact and no deal, then every variable without fallback is missing', () => {
    expect(render('{{full_name}}{{deal_amount|TBD}}{{email}}', {})).toEqual({
      text: 'TBD',
      missing: ['full_name', 'email'],
    });
  });

  it('when only a first name is known, then full_name is just that name', () => {
    const c = { ...sarah.contact!, lastName: null };
    expect(render('{{full_name}}', { contact: c }).text).toBe('Sarah');
  });

  it('when a value itself looks like a variable or code, then it is inserted verbatim and never evaluated', () => {
    const c = { ...sarah.contact!, firstName: '{{last_name}}', lastName: '${process.exit()}' };
    expect(render('{{first_name}} {{last_name}} <b>', { contact: c }).text).toBe(
      '{{last_name}} ${process.exit()} <b>',
    );
  });

  it('when a prototype key is used as a name, then nothing inherited is reachable', () => {
    const out = render('[{{constructor}}][{{__proto__}}][{{toString|x}}][{{hasOwnProperty}}]');
    expect(out.text).toBe('[][][x][]');
    expect(out.missing).toEqual(['constructor', '__proto__', 'hasOwnProperty']);
  });
});

describe('formatting deal amounts', () => {
  it('when the amount is whole, then no cents are shown; when it has cents, then two digits are', () => {
    expect(formatAmount('120000.00', 'USD')).toBe('$120,000');
    expect(formatAmount('1234.50', 'USD')).toBe('$1,234.50');
    expect(formatAmount('0.00', 'USD')).toBe('$0');
    expect(formatAmount('999999999999.99', 'USD')).toBe('$999,999,999,999.99');
  });

  it('when the currency is not USD, then its own symbol is used', () => {
    expect(formatAmount('120000.00', 'EUR')).toBe('€120,000');
    expect(formatAmount('120000.00', 'GBP')).toBe('£120,000');
    expect(formatAmount('120000.00', 'JPY')).toBe('¥120,000');
    expect(formatAmount('5000.25', 'EUR')).toBe('€5,000.25');
    expect(formatAmount('120000.00', 'CAD')).toBe('CA$120,000');
  });

  it('when the currency code is malformed, then the amount is shown with the code and nothing throws', () => {
    expect(formatAmount('1500.00', 'U$')).toBe('1,500 U$');
    expect(formatAmount('1500.50', 'XYZ').replace(/\s/g, ' ')).toBe('XYZ 1,500.50');
  });
});

describe('linting templates', () => {
  it('when the template is valid, then there are no issues and its variables are listed', () => {
    const text = 'Hi {{first_name|there}}, {{ company }} {{first_name}} { single } } braces';
    expect(messages(text)).toEqual([]);
    expect(variablesOf(text)).toEqual(['first_name', 'company']);
  });

  it('when a variable is unknown, then the issue names it and where it is', () => {
    expect(messages('Hello\n  {{nickname}}')).toEqual([
      'unknown variable {{nickname}} at line 2, column 3',
    ]);
  });

  it('when a known name is mistyped in case or with spaces, then a suggestion is given', () => {
    expect(messages('{{First_Name}}')[0]).toContain('did you mean {{first_name}}');
    expect(messages('{{first name}}')[0]).toMatch(
      /invalid variable \{\{first name\}\}.*did you mean \{\{first_name\}\}/,
    );
  });

  it('when prototype keys are used, then they are unknown variables', () => {
    expect(messages('{{constructor}} {{__proto__}} {{toString}}')).toHaveLength(3);
    expect(messages('{{__proto__}}')[0]).toContain('unknown variable {{__proto__}}');
  });

  it('when braces are broken, then each problem is reported', () => {
    expect(messages('Hi {{first_name')).toEqual([
      'unclosed "{{" (every variable ends with "}}") at line 1, column 4',
    ]);
    expect(messages('Hi {{first_name {{last_name}}')[0]).toContain('unclosed "{{"');
    expect(messages('Hi first_name}}')).toEqual([
      '"}}" without a matching "{{" at line 1, column 14',
    ]);
    expect(messages('{{}} and {{ |x}}')).toEqual([
      'empty variable {{}} at line 1, column 1',
      'empty variable {{ |x}} at line 1, column 10',
    ]);
    expect(messages('{{{first_name}}}')[0]).toContain('invalid variable {{{first_name}}');
  });
});
