import { describe, expect, it } from 'vitest';
import {
  contactPhoneKeys,
  countryCode,
  emailKey,
  looksLikePhone,
  normalizeEmail,
  phoneKey,
} from './normalize.js';

describe('phoneKey (E.164 match keys)', () => {
  it('when one London number is typed in several formats, then every format gives the same key', () => {
    const formats = [
      '+44 20 7946 0958',
      '+442079460958',
      '+44 (0) 20 7946 0958',
      '0044 20 7946 0958',
      '020 7946 0958',
      '(020) 7946-0958',
      '  020.7946.0958  ',
    ];
    for (const typed of formats) expect(phoneKey(typed, 'GB'), typed).toBe('+442079460958');
  });

  it('when a number carries its +country code, then no default country is needed', () => {
    expect(phoneKey('+1 (415) 555-2671')).toBe('+14155552671');
    expect(phoneKey('+1 (415) 555-2671', 'GB')).toBe('+14155552671');
  });

  it('when a national number has no country to be read in, then it has no key', () => {
    expect(phoneKey('020 7946 0958')).toBeNull();
    expect(phoneKey('020 7946 0958', null)).toBeNull();
  });

  it('when the default country differs, then the same national digits give another key', () => {
    expect(phoneKey('030 1234567', 'DE')).toBe('+49301234567');
    expect(phoneKey('415 555 2671', 'US')).toBe('+14155552671');
    expect(phoneKey('415 555 2671', 'GB')).toBeNull();
  });

  it('when the text is no valid phone number, then the key is null', () => {
    for (const typed of ['', '   ', 'abc', '12', '+44 12', 'n/a', '+999 1234 5678']) {
      expect(phoneKey(typed, 'GB'), typed).toBeNull();
    }
    expect(phoneKey(null, 'GB')).toBeNull();
    expect(phoneKey(undefined)).toBeNull();
  });

  it('when a number has an extension, then the key is the number without it', () => {
    expect(phoneKey('+44 20 7946 0958 ext. 12')).toBe('+442079460958');
  });
});

describe('countryCode (a contact’s country field)', () => {
  it('when the country is an alpha-2 code in any case, then that code', () => {
    expect(countryCode('GB')).toBe('GB');
    expect(countryCode(' de ')).toBe('DE');
  });

  it('when the country is a name people write, then its code', () => {
    expect(countryCode('United Kingdom')).toBe('GB');
    expect(countryCode('UK')).toBe('GB');
    expect(countryCode('united states')).toBe('US');
    expect(countryCode('USA')).toBe('US');
    expect(countryCode('Germany')).toBe('DE');
    expect(countryCode('Deutschland')).toBe('DE');
    expect(countryCode('the Netherlands')).toBe('NL');
    expect(countryCode("Côte d'Ivoire")).toBe('CI');
    expect(countryCode('Cote d’Ivoire')).toBe('CI');
  });

  it('when the country names no country, then undefined', () => {
    for (const raw of ['', null, undefined, 'Narnia', 'XX', 'ZZ', 'Europe']) {
      expect(countryCode(raw), String(raw)).toBeUndefined();
    }
  });
});

describe('contactPhoneKeys (what every writer stores)', () => {
  it("when the contact names its country, then its national numbers are read there, before the organization's default", () => {
    const c = { phone: '030 1234567', mobile: '0151 23456789', country: 'Germany' };
    expect(contactPhoneKeys(c, 'GB')).toEqual({
      phoneE164: '+49301234567',
      mobileE164: '+4915123456789',
    });
  });

  it("when the contact's country is absent or unknown, then the organization's default applies", () => {
    expect(contactPhoneKeys({ phone: '020 7946 0958', country: 'Narnia' }, 'GB')).toEqual({
      phoneE164: '+442079460958',
      mobileE164: null,
    });
    expect(contactPhoneKeys({ phone: '020 7946 0958' }, null)).toEqual({
      phoneE164: null,
      mobileE164: null,
    });
  });
});

describe('e-mails and searches', () => {
  it('when an e-mail is stored, then it is trimmed and keeps its case; its match key is lower-case', () => {
    expect(normalizeEmail('  Ana.Souza@Example.com ')).toBe('Ana.Souza@Example.com');
    expect(emailKey('  Ana.Souza@Example.com ')).toBe('ana.souza@example.com');
  });

  it('when a search is made of phone characters with enough digits, then it reads as a phone number', () => {
    expect(looksLikePhone('+44 20 7946 0958')).toBe(true);
    expect(looksLikePhone('(020) 7946-0958')).toBe(true);
    expect(looksLikePhone('2024')).toBe(false);
    expect(looksLikePhone('Acme 2079460958')).toBe(false);
  });
});
