// node-postgres's own conversion of a query value to its text form (exported as pg/lib/utils).
declare module 'pg/lib/utils.js' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
