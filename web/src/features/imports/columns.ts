import Papa from 'papaparse';

/**
 * A preview of how the server will read the CSV's columns. The server decides
 * (the dry run confirms); this mirrors its common header names so the user
 * sees the mapping before uploading. Headers compare without case, spaces,
 * underscores or punctuation.
 */
const fields: [label: string, names: string[]][] = [
  ['First name', ['first name', 'firstname', 'given name', 'first', 'forename']],
  ['Last name', ['last name', 'lastname', 'family name', 'surname', 'last']],
  ['Full name (split)', ['name', 'full name', 'display name', 'contact name']],
  [
    'E-mail',
    [
      'email',
      'e-mail address',
      'email address',
      'email 1',
      'primary email',
      'work email',
      'business email',
      'e-mail 1 - value',
    ],
  ],
  [
    'Phone',
    [
      'phone',
      'phone number',
      'business phone',
      'work phone',
      'primary phone',
      'telephone',
      'office phone',
      'phone 1 - value',
    ],
  ],
  [
    'Mobile',
    ['mobile', 'mobile phone', 'mobile phone number', 'cell', 'cell phone', 'phone 2 - value'],
  ],
  [
    'Company',
    [
      'company',
      'company name',
      'organization',
      'organization name',
      'account name',
      'account',
      'organization 1 - name',
    ],
  ],
  ['Job title', ['job title', 'title', 'position', 'role', 'organization 1 - title']],
  ['Website', ['website', 'web site', 'web page', 'website url', 'url']],
  ['LinkedIn', ['linkedin', 'linkedin url', 'linkedin profile']],
  ['Street', ['street', 'address', 'street address', 'mailing street', 'business street']],
  ['City', ['city', 'mailing city', 'business city', 'town']],
  ['State', ['state', 'state/province', 'province', 'region', 'mailing state']],
  ['Postal code', ['postal code', 'zip', 'zip code', 'postcode', 'mailing zip']],
  ['Country', ['country', 'country/region', 'mailing country', 'business country']],
  ['Type', ['type', 'contact type']],
  ['Status', ['status', 'contact status']],
  ['Source', ['source', 'lead source', 'original source']],
  ['Tags', ['tags', 'tag', 'labels', 'categories', 'group membership']],
  ['Notes', ['notes', 'note', 'description', 'comments']],
  ['Visibility', ['visibility']],
];

const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const index = new Map<string, string>();
for (const [label, names] of fields) for (const n of names) index.set(normalize(n), label);

export type ColumnMapping = { header: string; field: string | null; samples: string[] };
export type CsvPreview = { columns: ColumnMapping[]; rowCount: number; missingRequired: string[] };

/** Reads the header and first rows; each column with the field it maps to (first match wins). */
export function previewCsv(text: string): CsvPreview {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  const taken = new Set<string>();
  const columns = header.map((h, i) => {
    const field = index.get(normalize(h)) ?? null;
    const unique = field && !taken.has(field) ? field : null;
    if (unique) taken.add(unique);
    return { header: h, field: unique, samples: rows.slice(0, 3).map((r) => r[i] ?? '') };
  });
  const hasName =
    taken.has('Full name (split)') || (taken.has('First name') && taken.has('Last name'));
  const missingRequired = [
    ...(hasName ? [] : ['First and last name']),
    ...(taken.has('E-mail') ? [] : ['E-mail']),
  ];
  return { columns, rowCount: rows.length, missingRequired };
}
