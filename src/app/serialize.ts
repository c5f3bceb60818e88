import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Writes each answer from its route's response schema, as JSON Schema (the
 * same the OpenAPI document shows), with fast-json-stringify: only declared
 * fields go out, as with Zod's encode, for a fraction of the work and the
 * garbage (docs/performance.md). Requests are
 * still validated by Zod; answers are typed against the schema at compile
 * time, and a missing required field still fails the request.
 */
export function serializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new Error('A response schema must be a Zod schema');
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
  return fastJson(json as Parameters<typeof fastJson>[0]);
}
