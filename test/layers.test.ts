import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers of README "How it is built" are an ESLint rule; these files
 * are linted as if they sat where their path says, so an upward import
 * fails `npm run lint` the way it would in a real change.
 */
const eslint = new ESLint();

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('layers', () => {
  it('when shared, db, jobs or access imports the app or a domain, then lint fails', async () => {
    expect(
      await rulesBroken(
        'src/shared/upward.ts',
        "import { buildApp } from '../app/app.js';\nexport const x = buildApp;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await rulesBroken(
        'src/db/upward.ts',
        "import { listContacts } from '../contacts/service.js';\nexport const x = listContacts;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await rulesBroken(
        'src/jobs/upward.ts',
        "import { importContacts } from '../imports/import.js';\nexport const x = importContacts;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await rulesBroken(
        'src/access/upward.ts',
        "import { createUser } from '../users/service.js';\nexport const x = createUser;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
  }, 60_000);

  it('when a domain imports the app or the demo, or a web feature imports another, then lint fails', async () => {
    expect(
      await rulesBroken(
        'src/contacts/upward.ts',
        "import { buildApp } from '../app/app.js';\nexport const x = buildApp;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await rulesBroken(
        'web/src/features/contacts/Cross.tsx',
        "import { DealsPage } from '../pipeline/DealsPage';\nexport const X = DealsPage;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
  }, 60_000);

  it('when a domain imports access, jobs, db and shared, then lint is content', async () => {
    expect(
      await rulesBroken(
        'src/contacts/downward.ts',
        [
          "import { inRequestOrg } from '../access/caller.js';",
          "import { withOrg } from '../db/client.js';",
          "import { enqueue } from '../jobs/queue.js';",
          "import { AppError } from '../shared/errors.js';",
          'export const x = [inRequestOrg, withOrg, enqueue, AppError];',
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
  }, 60_000);
});
