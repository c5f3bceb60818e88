/**
 * A spreadsheet cell's value as the spreadsheet shows it, from the value
 * exceljs reads and the cell's number format. Covers the formats contact
 * lists use (General, fixed decimals, thousands, percent, currency text,
 * dates and times); anything rarer falls back to General.
 */

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Excel's "General": at most 15 significant digits, so 0.1+0.2 shows 0.3. */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  return String(Number(n.toPrecision(15)));
}

/** Excel's serial day number (1900 system) as a UTC date. */
const serialToDate = (serial: number, date1904: boolean): Date =>
  new Date(Math.round((serial - (date1904 ? -1462 : 25569)) * 86_400_000));

/** Drops colours, conditions and locale tags; keeps a currency symbol ([$€-407] → €). */
const cleanSection = (section: string) =>
  section
    .replace(/\[\$([^-\]]*)(?:-[^\]]*)?\]/g, '"$1"')
    .replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');

/** Splits a format into its sections (positive;negative;zero;text), quotes respected. */
function sections(format: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '"') quoted = !quoted;
    if (c === '\\' && !quoted) {
      current += c + (format[++i] ?? '');
      continue;
    }
    if (c === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** Literal text of a format part: quotes and escapes removed, padding and fill dropped. */
const literal = (part: string) =>
  part
    .replace(/"([^"]*)"/g, '$1')
    .replace(/_./g, ' ')
    .replace(/\*./g, '')
    .replace(/\\(.)/g, '$1');

export const isDateFormat = (format: string) =>
  /[ymdhs]/i.test(
    cleanSection(format)
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The formats Excel shows in the reader's locale: written ISO, which every locale reads. */
const localeDates: Record<string, string> = {
  'mm-dd-yy': 'yyyy-mm-dd',
  'm/d/yy "h":mm': 'yyyy-mm-dd hh:mm',
  'm/d/yy h:mm': 'yyyy-mm-dd hh:mm',
};

const dateToken =
  /"[^"]*"|\\.|\[h+\]|\[m+\]|\[s+\]|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|\.0+|./gi;

/** A date (UTC wall time, as exceljs reads it) in a date/time format. */
export function formatDate(date: Date, format: string): string {
  if (Number.isNaN(date.getTime())) return '';
  const section = cleanSection(localeDates[format] ?? sections(format)[0] ?? format);
  const tokens = section.match(dateToken) ?? [];
  const twelveHour = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  const ms = date.getTime();
  const whole = new Date(Math.round(ms / 1000) * 1000);
  const hours = whole.getUTCHours();
  const out: string[] = [];
  tokens.forEach((token, i) => {
    const lower = token.toLowerCase();
    // m is minutes right after an hour or right before seconds.
    const prev = tokens
      .slice(0, i)
      .reverse()
      .find((t) => /^[ymdhs]/i.test(t));
    const next = tokens.slice(i + 1).find((t) => /^[ymdhs]/i.test(t));
    const minutes = /^(h|\[h)/i.test(prev ?? '') || /^(s|\[s)/i.test(next ?? '');
    switch (lower) {
      case 'yyyy':
        return out.push(String(whole.getUTCFullYear()));
      case 'yy':
        return out.push(pad(whole.getUTCFullYear() % 100));
      case 'mmmmm':
        return out.push(months[whole.getUTCMonth()]!.slice(0, 1));
      case 'mmmm':
        return out.push(months[whole.getUTCMonth()]!);
      case 'mmm':
        return out.push(months[whole.getUTCMonth()]!.slice(0, 3));
      case 'mm':
        return out.push(pad(minutes ? whole.getUTCMinutes() : whole.getUTCMonth() + 1));
      case 'm':
        return out.push(String(minutes ? whole.getUTCMinutes() : whole.getUTCMonth() + 1));
      case 'dddd':
        return out.push(days[whole.getUTCDay()]!);
      case 'ddd':
        return out.push(days[whole.getUTCDay()]!.slice(0, 3));
      case 'dd':
        return out.push(pad(whole.getUTCDate()));
      case 'd':
        return out.push(String(whole.getUTCDate()));
      case 'hh':
      case 'h': {
        const h = twelveHour ? hours % 12 || 12 : hours;
        return out.push(lower === 'hh' ? pad(h) : String(h));
      }
      case 'ss':
        return out.push(pad(whole.getUTCSeconds()));
      case 's':
        return out.push(String(whole.getUTCSeconds()));
      case 'am/pm':
        return out.push(hours < 12 ? 'AM' : 'PM');
      case 'a/p':
        return out.push(hours < 12 ? 'A' : 'P');
    }
    if (/^\[h+\]$/i.test(token))
      return out.push(String(Math.floor((ms - Date.UTC(1899, 11, 30)) / 3_600_000)));
    if (/^\[m+\]$/i.test(token)) return out.push(pad(whole.getUTCMinutes()));
    if (/^\[s+\]$/i.test(token)) return out.push(pad(whole.getUTCSeconds()));
    if (/^\.0+$/.test(token)) {
      const fraction = (ms % 1000) / 1000;
      return out.push(fraction.toFixed(token.length - 1).slice(1));
    }
    return out.push(literal(token));
  });
  return out.join('');
}

/** A number in a numeric format: decimals, thousands, percent, scientific and literal text. */
export function formatNumber(n: number, format: string, date1904 = false): string {
  if (!Number.isFinite(n)) return '';
  const parts = sections(format);
  let section = parts[0] ?? '';
  let value = n;
  if (n < 0 && parts[1] !== undefined && parts[1] !== '') {
    section = parts[1];
    value = -n;
  } else if (n === 0 && parts[2] !== undefined && parts[2] !== '') section = parts[2];
  section = cleanSection(section);
  if (section.trim() === '' || /^general$/i.test(section.trim()) || section.trim() === '@') {
    return generalNumber(n);
  }
  if (isDateFormat(section)) return formatDate(serialToDate(n, date1904), format);
  const numeric = /[0#?][0#?,.]*(?:E[+-][0#]+)?%?|\.[0#?]+%?/i.exec(
    section.replace(/"[^"]*"|\\./g, (m) => '\u0000'.repeat(m.length)),
  );
  if (!numeric) return literal(section);
  const prefix = literal(section.slice(0, numeric.index));
  const suffix = literal(section.slice(numeric.index + numeric[0].length));
  const pattern = numeric[0];
  if (/\?\/|\/\?/.test(section)) return generalNumber(n);
  const percent = pattern.endsWith('%') || suffix.includes('%');
  if (percent) value *= 100;
  const [intPart = '', decimalPart = ''] = pattern.replace('%', '').split(/E/i)[0]!.split('.');
  const decimals = (decimalPart.match(/[0#?]/g) ?? []).length;
  const sign = value < 0 ? '-' : '';
  value = Math.abs(value);
  const exponent = /E[+-]/i.exec(pattern);
  let body: string;
  if (exponent) {
    const [mantissa, power] = value.toExponential(decimals).split('e');
    const p = Number(power);
    body = `${mantissa}E${p < 0 ? '-' : '+'}${pad(Math.abs(p))}`;
  } else {
    body = value.toFixed(decimals);
    let [int = '', frac] = body.split('.');
    // '#' decimals are optional: trailing zeros beyond the '0' ones go.
    const required = (decimalPart.match(/0/g) ?? []).length;
    if (frac !== undefined && decimals > required) {
      frac = frac.replace(/0+$/, '').padEnd(required, '0') || undefined;
    }
    // As many integer digits as the format has 0s ("00000" keeps a ZIP code's leading 0).
    const intZeros = (intPart.match(/0/g) ?? []).length;
    int = int === '0' && intZeros === 0 ? '' : int.padStart(intZeros, '0');
    if (/[0#?],[0#?]/.test(intPart)) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    body = frac === undefined ? int || '0' : `${int}.${frac}`;
  }
  body = sign + body;
  return `${prefix}${body}${pattern.endsWith('%') ? '%' : ''}${suffix}`;
}

/** The ways exceljs hands a cell's value over. */
type RichText = { richText: { text: string }[] };
type Formula = { formula?: string; sharedFormula?: string; result?: unknown };

/** Any cell value (number, string, date, formula, rich text, hyperlink, error) as displayed text. */
export function cellText(value: unknown, format: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, format ?? 'General', date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date)
    return formatDate(value, format && isDateFormat(format) ? format : 'mm-dd-yy');
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return (value as RichText).richText.map((r) => r.text ?? '').join('');
  if ('formula' in value || 'sharedFormula' in value || 'result' in value) {
    const { result } = value as Formula;
    if (result !== null && typeof result === 'object' && 'error' in result) {
      return String((result as { error: unknown }).error);
    }
    return cellText(result, format, date1904);
  }
  if ('text' in value) return cellText((value as { text: unknown }).text, format, date1904);
  if ('error' in value) return String((value as { error: unknown }).error);
  return '';
}
