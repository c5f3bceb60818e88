/**
 * The isolation sweep's plan (see isolation.test.ts): from the OpenAPI
 * document, every route that takes a tenant id, with a request body sampled
 * from its schema and the ids of the records it should not reach.
 */

export type Kind =
  | 'contact'
  | 'deal'
  | 'stage'
  | 'template'
  | 'import'
  | 'user'
  | 'partner'
  | 'customField'
  | 'token'
  | 'customer'
  | 'importMapping';

/** Which record kind the `{id}` of a collection names. */
const kindOfCollection: Record<string, Kind> = {
  contacts: 'contact',
  deals: 'deal',
  stages: 'stage',
  templates: 'template',
  imports: 'import',
  users: 'user',
  partners: 'partner',
  'custom-fields': 'customField',
  tokens: 'token',
  'import-mappings': 'importMapping',
};

/** Path parameters that do not name tenant data, with the reason. */
const notTenantIds: Record<string, string> = {
  '/api/v1/training/{lessonId}': 'lesson ids name the built-in course, shared by every org',
};

/** Which kind a body field holding an id refers to. */
const kindOfField: Record<string, Kind> = {
  contactId: 'contact',
  dealId: 'deal',
  stageId: 'stage',
  beforeId: 'deal',
  afterId: 'deal',
  customerId: 'customer',
  ownerId: 'user',
  partnerId: 'partner',
  templateId: 'template',
  ids: 'contact',
};

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  minLength?: number;
  pattern?: string;
  $ref?: string;
};

export type Ids = Record<Kind, string>;

function makeSampler(
  doc: { components?: { schemas?: Record<string, JsonSchema> } },
  ids: Ids,
  path: string,
) {
  // `ids` in a body names the records of the collection it is posted to.
  const idsKind: Kind = path.startsWith('/api/v1/stages') ? 'stage' : 'contact';
  const resolve = (s: JsonSchema): JsonSchema =>
    s.$ref ? resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!) : s;
  const sample = (raw: JsonSchema, field = ''): unknown => {
    const s = resolve(raw);
    if (s.const !== undefined) return s.const;
    if (s.enum) return s.enum[0];
    const alt = s.anyOf ?? s.oneOf;
    if (alt) return sample(alt.find((a) => resolve(a).type !== 'null') ?? alt[0]!, field);
    if (s.allOf) return sample(s.allOf[0]!, field);
    const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
    if (kindOfField[field] && (type === 'string' || type === 'array')) {
      const id = ids[field === 'ids' ? idsKind : kindOfField[field]!];
      return type === 'array' ? [id] : id;
    }
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(s.properties ?? {})) {
          // One placement anchor at a time: beforeId and afterId together are refused.
          if (k === 'afterId' && 'beforeId' in out) continue;
          if (s.required?.includes(k) || kindOfField[k]) out[k] = sample(v, k);
        }
        return out;
      }
      case 'array':
        return s.items ? [sample(s.items, field)] : [];
      case 'integer':
      case 'number':
        return Math.max(1, s.minimum ?? 1);
      case 'boolean':
        return true;
      case 'string':
        if (s.format === 'email') return 'sweep@example.test';
        if (s.format === 'uuid') return ids.contact;
        if (s.format === 'date') return '2030-01-01';
        if (s.format === 'date-time') return '2030-01-01T00:00:00Z';
        return field === 'body' ? 'Hello' : 'Sweep';
      default:
        return {};
    }
  };
  return sample;
}

/** The parts of the OpenAPI document the plan reads. */
export type OpenApiDoc = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

export type Call = {
  method: string;
  path: string;
  url: string;
  body: unknown;
  bodyIds: boolean;
  pathKind: Kind | null;
};

/** Every call to make with `ids`, and the id routes the sweep cannot drive (the test fails on them). */
export function plan(
  doc: OpenApiDoc,
  ids: Ids,
  kinds?: Kind[],
): { calls: Call[]; undrivable: string[] } {
  const calls: Call[] = [];
  const undrivable: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const sample = makeSampler(doc, ids, path);
    for (const [method, op] of Object.entries(item)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      let url = path;
      let pathKind: Kind | null = null;
      if (params.length) {
        if (notTenantIds[path]) continue;
        const collection = path.split('/')[3]!;
        pathKind = kindOfCollection[collection] ?? null;
        if (!pathKind || params.length > 1) {
          undrivable.push(`${method.toUpperCase()} ${path}`);
          continue;
        }
        url = path.replace(`{${params[0]}}`, ids[pathKind]);
      }
      const json = op.requestBody?.content['application/json']?.schema;
      const body = json ? sample(json) : undefined;
      const bodyKinds = Object.keys((body ?? {}) as object)
        .filter((k) => kindOfField[k])
        .map((k) => (k === 'ids' && path.startsWith('/api/v1/stages') ? 'stage' : kindOfField[k]!));
      const bodyIds = bodyKinds.length > 0;
      if (!pathKind && !bodyIds) continue;
      if (
        kinds &&
        !(pathKind ? kinds.includes(pathKind) : bodyKinds.some((k) => kinds.includes(k)))
      )
        continue;
      calls.push({ method: method.toUpperCase(), path, url, body, bodyIds, pathKind });
    }
  }
  return { calls, undrivable };
}
