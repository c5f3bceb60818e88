#!/usr/bin/env node
// The `kantivo` command: loads the TypeScript sources through tsx and runs the CLI.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
// `serve` keeps running; every other command ends with its exit code.
if (process.argv[2] !== 'serve') process.exitCode = code;
