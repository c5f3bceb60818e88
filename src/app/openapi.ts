/**
 * The last step in making the OpenAPI document (served at /api/v1/openapi.json):
 * what every route shares, written once instead of on 66 routes. Route schemas
 * still say what is particular to a route (summary, bodies, answers, a 429
 * where the route is rate limited); this fills in operation ids, the problem
 * answers every route can give, integer formats and the lengths a string
 * format implies, and drops the component schemas nothing refers to.
 */

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  responses?: Record<string, Json>;
  [key: string]: unknown;
};

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** What each tag covers, for the document's tag list. */
const tagDescriptions: Record<string, string> = {
  auth: 'Sign-up, sign-in and the signed-in user',
  tokens: 'API tokens for scripts and integrations (bearer authentication)',
  users: 'The users of the organization',
  partners: 'Partners (resellers) that own some of the organization’s contacts and deals',
  organization: 'The organization, its plan and limits',
  settings: 'CRM settings of the organization',
  customers: 'Platform customers a contact can be linked to',
  'custom fields': 'Custom contact fields',
  contacts: 'Contacts, their import, export and bulk changes',
  stages: 'The stages of the sales pipeline',
  deals: 'Deals and the pipeline board',
  templates: 'Message templates and their rendering',
  training: 'The built-in CRM training course',
};

const statusText: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted: the work goes on in the background',
  '204': 'No content',
  '400': 'Bad request: the body or a header is malformed',
  '401': 'Not signed in',
  '403': 'Forbidden: your role, the plan or the CSRF header refuses it',
  '404': 'Not found, or not visible to you',
  '409': 'Conflict with the current state',
  '412': 'Precondition failed: the record changed since the version in If-Match',
  '413': 'Payload too large',
  '415': 'Unsupported media type',
  '422': 'Validation failed; `errors` names each field at fault',
  '429': 'Too many requests; Retry-After says when to try again',
  '500': 'Internal server error; the detail is hidden and the failure logged',
  default: 'Any other failure, as a problem',
};

/** Upper bounds implied by a string format (RFC 4122, RFC 3339, RFC 5321). */
const formatMaxLength: Record<string, number> = {
  uuid: 36,
  'date-time': 40,
  date: 10,
  email: 254,
};

const int32 = { min: -2_147_483_648, max: 2_147_483_647 };

/** `GET /api/v1/contacts/{id}/activities` → `getContactsByIdActivities`: stable, readable, unique. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v\d+/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const name = (param ? param[1]! : segment)
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
      return param ? `By${name}` : name;
    });
  return method.toLowerCase() + words.join('');
}

const problemRef = { $ref: '#/components/schemas/Problem' };

function isProblemSchema(schema: unknown): boolean {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  return typeof ref === 'string' && /\/Problem\w*$/.test(ref);
}

const isJson = (mediaType: string) => /^application\/([\w.+-]*\+)?json$/.test(mediaType);

/**
 * A body that is not JSON (a CSV upload or download) has no JSON type: it is
 * described by its media type (OpenAPI 3.1, JSON Schema `contentMediaType`).
 */
function describeNonJson(content: unknown): void {
  if (!content || typeof content !== 'object') return;
  for (const [mediaType, media] of Object.entries(content as Record<string, { schema?: Json }>)) {
    const schema = media.schema;
    if (isJson(mediaType) || !schema || schema.type !== 'string') continue;
    delete schema.type;
    schema.contentMediaType = mediaType;
  }
}

function finishResponses(op: Operation): void {
  describeNonJson((op.requestBody as { content?: unknown } | undefined)?.content);
  const responses = (op.responses ??= {});
  responses['500'] ??= { content: { 'application/json': { schema: problemRef } } };
  responses.default ??= { content: { 'application/json': { schema: problemRef } } };
  for (const [status, response] of Object.entries(responses)) {
    if (!response.description || response.description === 'Default Response') {
      response.description = statusText[status] ?? 'Response';
    }
    // Problems go out as application/problem+json (RFC 9457), not as application/json.
    const content = response.content as Record<string, { schema?: unknown }> | undefined;
    describeNonJson(content);
    const json = content?.['application/json'];
    if (content && json && isProblemSchema(json.schema)) {
      delete content['application/json'];
      content['application/problem+json'] = json;
    }
    if (status === '429') {
      response.headers = {
        'Retry-After': {
          description: 'Seconds to wait before trying again',
          required: true,
          schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 },
        },
        ...(response.headers as Json | undefined),
      };
    }
  }
}

/** Integer formats and format-implied string lengths, everywhere a schema may sit. */
function finishSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) finishSchemas(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Json;
  if (schema.type === 'integer' && schema.format === undefined) {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
    const max = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
    schema.format = min >= int32.min && max <= int32.max ? 'int32' : 'int64';
  }
  if (
    schema.type === 'string' &&
    schema.maxLength === undefined &&
    typeof schema.format === 'string' &&
    formatMaxLength[schema.format] !== undefined
  ) {
    schema.maxLength = formatMaxLength[schema.format];
  }
  for (const value of Object.values(schema)) finishSchemas(value);
}

/** Removes component schemas that no operation reaches (Zod's unused input/output twins). */
function pruneComponents(doc: Json): void {
  const components = doc.components as { schemas?: Record<string, unknown> } | undefined;
  const schemas = components?.schemas;
  if (!schemas) return;
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = /^#\/components\/schemas\/(.+)$/.exec(value)?.[1];
        if (name && !reached.has(name)) {
          reached.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(doc.paths);
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
}

/** Completes the document @fastify/swagger built from the routes; see the module comment. */
export function finishDocument<T extends object>(input: T): T {
  const doc = input as Json;
  const info = (doc.info ??= {}) as Json;
  info.contact ??= { name: 'Kantivo', url: 'https://kantivo.dev' };
  doc.servers ??= [
    {
      url: '/',
      description:
        'The installation that serves this document (local, staging or production alike); the API shares its origin with the web app',
      'x-internal': false,
    },
  ];
  const usedTags = new Set<string>();
  const ids = new Map<string, string>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of methods) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const id = operationIdOf(method, path);
      const clash = ids.get(id);
      if (clash) throw new Error(`operationId ${id} is made for both ${clash} and ${path}`);
      ids.set(id, path);
      op.operationId ??= id;
      if (!op.description && op.summary) op.description = op.summary;
      for (const tag of op.tags ?? []) usedTags.add(tag);
      finishResponses(op);
    }
  }
  doc.tags = [...usedTags].sort().map((name) => ({
    name,
    description: tagDescriptions[name] ?? name,
  }));
  finishSchemas(doc.paths);
  finishSchemas(doc.components);
  pruneComponents(doc);
  return input;
}
