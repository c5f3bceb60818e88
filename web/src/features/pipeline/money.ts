const formatters = new Map<string, Intl.NumberFormat>();

/** `$120,000` (no cents when the amount has none). */
export function formatMoney(amount: number, currency: string): string {
  const key = `${currency}:${Number.isInteger(amount) ? 0 : 2}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
        maximumFractionDigits: 2,
      });
    } catch {
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
    }
    formatters.set(key, f);
  }
  return f.format(amount);
}
