import { format as formatValue, isDateFormat } from 'numfmt';

/**
 * A spreadsheet cell's value as the spreadsheet shows it, from the value
 * exceljs reads and the cell's number format. The format codes (ECMA-376)
 * are rendered by numfmt; General is ours, for the reason below.
 */

/**
 * "General" with up to 15 significant digits: 0.1+0.2 shows 0.3, and a
 * phone number typed as a number (4915112345678) keeps every digit where a
 * narrow Excel column would show 4.91511E+12.
 */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  return String(Number(n.toPrecision(15)));
}

/** Excel's built-in formats that follow the reader's locale: written ISO, which every locale reads. */
const localeDates: Record<string, string> = {
  'mm-dd-yy': 'yyyy-mm-dd',
  'm/d/yy "h":mm': 'yyyy-mm-dd hh:mm',
  'm/d/yy h:mm': 'yyyy-mm-dd hh:mm',
};

/** A bad or unknown format renders as nothing (then General), never throws. */
const options = { locale: 'en-US', throws: false, invalid: '', overflow: '' };

/** Days between Excel's 1900 and 1904 date systems. */
const days1904 = 1462;

/** A Date (UTC wall time, as exceljs reads it) as Excel's serial day number, whatever the process's time zone. */
const serialOf = (date: Date) => date.getTime() / 86_400_000 + 25_569;

const isGeneral = (format: string | undefined) =>
  format === undefined ||
  format.trim() === '' ||
  /^general$/i.test(format.trim()) ||
  format === '@';

/** A number in the cell's format; a 1904-system workbook's dates are shifted to the 1900 system numfmt counts in. */
export function formatNumber(n: number, format: string | undefined, date1904 = false): string {
  if (!Number.isFinite(n)) return '';
  if (isGeneral(format)) return generalNumber(n);
  const pattern = localeDates[format!] ?? format!;
  const dated = isDateFormat(pattern);
  const text = formatValue(pattern, dated && date1904 ? n + days1904 : n, options);
  return text === '' ? generalNumber(n) : text;
}

/** The ways exceljs hands a cell's value over. */
type RichText = { richText: { text: string }[] };
type Formula = { formula?: string; sharedFormula?: string; result?: unknown };

/** Any cell value (number, string, date, formula, rich text, hyperlink, error) as displayed text. */
export function cellText(value: unknown, format: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, format, date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const dated =
      format !== undefined && !isGeneral(format) && isDateFormat(localeDates[format] ?? format);
    return formatNumber(serialOf(value), dated ? format : 'mm-dd-yy');
  }
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
