import {
  getCountries,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/min';

/**
 * How every writer of a contact (API, import, demo, backfill) turns what a
 * user typed into the keys that find the contact again: the display forms
 * are stored as typed (trimmed), the keys beside them. One module, so a
 * duplicate check or a search by phone compares like with like whichever
 * path wrote the contact. The `min` metadata keeps the server's bundle
 * small; it validates by number length and prefix, which is what matching
 * needs.
 */

/** An e-mail as stored: trimmed, in the user's case. */
export const normalizeEmail = (raw: string): string => raw.trim();

/**
 * An e-mail's match key: trimmed and lower-cased, as the SQL matches
 * `kantivo_lower(email)` (so the expression index of migration 0024 serves it).
 */
export const emailKey = (raw: string): string => normalizeEmail(raw).toLowerCase();

/** A name or code as compared: no accents, case, spaces or punctuation, no leading "the". */
const nameKey = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^a-z0-9]/g, '');

/** Names people write that are not the English short names Intl knows. */
const countryAliases: Record<string, CountryCode> = {
  usa: 'US',
  unitedstatesofamerica: 'US',
  uk: 'GB',
  greatbritain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  northernireland: 'GB',
  holland: 'NL',
  deutschland: 'DE',
};

let countryNames: Map<string, CountryCode> | undefined;

/** Every country with a numbering plan, by its English name (from the runtime's ICU data), built once. */
function countryByName(): Map<string, CountryCode> {
  if (countryNames) return countryNames;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  countryNames = new Map();
  for (const code of getCountries()) {
    const name = names.of(code);
    if (name) countryNames.set(nameKey(name), code);
  }
  for (const [alias, code] of Object.entries(countryAliases)) countryNames.set(alias, code);
  return countryNames;
}

/**
 * The ISO-3166 alpha-2 code of a contact's `country` (a code such as "gb"
 * or a name such as "United Kingdom", "Deutschland"), or undefined when it
 * names no country with a phone numbering plan.
 */
export function countryCode(raw: string | null | undefined): CountryCode | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return undefined;
  const upper = value.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && isSupportedCountry(upper)) return upper;
  return countryByName().get(nameKey(value));
}

/** Whether a code may be the organization's default phone country. */
export const isPhoneCountry = (code: string): boolean =>
  /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);

/**
 * A phone number's match key: E.164 (`+442079460958`), or null when the
 * text is no valid number (or a national number with no country to read it
 * in). An extension is not part of the key.
 */
export function phoneKey(
  raw: string | null | undefined,
  defaultCountry?: string | null,
): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  const country = countryCode(defaultCountry);
  const parsed = parsePhoneNumberFromString(value, country ? { defaultCountry: country } : {});
  return parsed?.isValid() ? parsed.number : null;
}

/** A search that is a phone number rather than a name: digits and phone punctuation only, 6+ digits. */
export const looksLikePhone = (q: string): boolean =>
  /^\+?[\d\s().\-/]+$/.test(q.trim()) && (q.match(/\d/g)?.length ?? 0) >= 6;

export type PhoneKeys = { phoneE164: string | null; mobileE164: string | null };

/**
 * A contact's phone keys. The country a national number is read in is the
 * contact's own `country` when it names one, else the organization's
 * `defaultPhoneCountry` setting.
 */
export function contactPhoneKeys(
  contact: { phone?: string | null; mobile?: string | null; country?: string | null },
  defaultPhoneCountry: string | null,
): PhoneKeys {
  const country = countryCode(contact.country) ?? defaultPhoneCountry;
  return {
    phoneE164: phoneKey(contact.phone, country),
    mobileE164: phoneKey(contact.mobile, country),
  };
}
