import { describe, expect, it } from 'vitest';
import { cellText } from './cell-text.js';

describe('a spreadsheet cell as the spreadsheet shows it', () => {
  it('when a number has no format, then it keeps every digit a phone number needs and no float noise', () => {
    expect(cellText(4915112345678, undefined)).toBe('4915112345678');
    expect(cellText(0.1 + 0.2, 'General')).toBe('0.3');
  });

  it('when a number has a format, then decimals, leading zeros, thousands and percent show as set', () => {
    expect(cellText(0.1 + 0.2, '0.00')).toBe('0.30');
    expect(cellText(1310, '00000')).toBe('01310');
    expect(cellText(1234567.891, '#,##0.00')).toBe('1,234,567.89');
    expect(cellText(0.25, '0%')).toBe('25%');
  });

  it('when a date is read, then the day is the one in the sheet whatever the server time zone', () => {
    const march5 = new Date(Date.UTC(2024, 2, 5, 13, 7));
    expect(cellText(march5, 'dd/mm/yyyy')).toBe('05/03/2024');
    expect(cellText(march5, 'yyyy-mm-dd hh:mm')).toBe('2024-03-05 13:07');
    // Excel's locale short date is written ISO, which every reader understands.
    expect(cellText(march5, 'mm-dd-yy')).toBe('2024-03-05');
  });

  it('when a workbook counts days from 1904, then its date serials land on the same day', () => {
    // 45356 is 2024-03-05 in the 1900 system, 43894 in the 1904 one.
    expect(cellText(45356, 'yyyy-mm-dd')).toBe('2024-03-05');
    expect(cellText(43894, 'yyyy-mm-dd', true)).toBe('2024-03-05');
  });

  it('when the format cannot be read, then the number shows as General instead of failing the row', () => {
    expect(cellText(42, 'bad[[[')).toBe('42');
  });

  it('when a cell holds a formula, rich text or a link, then its shown text is read', () => {
    expect(cellText({ formula: 'A1+B1', result: 3 }, undefined)).toBe('3');
    expect(cellText({ richText: [{ text: 'Acme ' }, { text: 'Ltd' }] }, undefined)).toBe(
      'Acme Ltd',
    );
    expect(cellText({ text: 'acme.example', hyperlink: 'https://acme.example' }, undefined)).toBe(
      'acme.example',
    );
  });
});
