import js from '@eslint/js';
import { readdirSync } from 'node:fs';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const layers =
  'Layers point down: app, cli, demo → domains → access, jobs → db, shared (README: How it is built).';
const notDomains = new Set(['app', 'access', 'cli', 'db', 'demo', 'jobs', 'shared']);
const domains = readdirSync('src', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !notDomains.has(entry.name))
  .map((entry) => entry.name);
const features = readdirSync('web/src/features');

export default tseslint.config(
  {
    ignores: ['scratch', 'node_modules', 'data', 'dist', 'web/dist', 'bench/results', 'bench/data'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union instead of an enum.' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // A GET's transaction is begun with its credential lookup; a route that
    // opened another would hold two connections (see inRequestOrg).
    files: ['src/*/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '../db/client.js',
              importNames: ['withOrg'],
              message:
                'Routes run their database work through inRequestOrg (src/access/caller.ts).',
            },
          ],
        },
      ],
    },
  },
  // Layers point down (README, "How it is built"): app, cli and demo compose
  // the domains; domains use access, db and shared; shared imports nothing of
  // ours. Tests may cross layers: they exercise the whole.
  {
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'web/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/shared', from: './src', except: ['./shared'], message: layers },
            {
              target: './src/db',
              from: './src',
              except: ['./db', './shared', './config.ts'],
              message: layers,
            },
            {
              target: './src/jobs',
              from: './src',
              except: ['./jobs', './db', './shared', './config.ts'],
              message: layers,
            },
            {
              target: './src/access',
              from: './src',
              except: ['./access', './db', './shared', './config.ts'],
              message: layers,
            },
            ...domains.map((domain) => ({
              target: `./src/${domain}`,
              from: ['./src/app', './src/cli', './src/demo', './src/main.ts'],
              message: layers,
            })),
            {
              target: './src/demo',
              from: ['./src/app', './src/cli', './src/main.ts'],
              message: layers,
            },
            ...features.map((feature) => ({
              target: `./web/src/features/${feature}`,
              from: './web/src/features',
              except: [`./${feature}`],
              message:
                'A feature imports no other feature: share through web/src/lib or components.',
            })),
            {
              target: ['./web/src/lib', './web/src/components'],
              from: ['./web/src/features', './web/src/app'],
              message: 'lib and components sit below the features and the app shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'fastify', message: 'src/shared knows no HTTP framework.' }] },
      ],
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'web/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
