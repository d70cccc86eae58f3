/** The OpenAPI 3.1 document, generated from the route table's zod schemas. */
import { z } from 'zod';
import { ROUTES } from './routes';
import type { AnyRoute } from './http/route';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const problem = {
  description: 'A problem document (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

function parameters(route: AnyRoute) {
  const out: JsonSchema[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: location, required: location === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  if (route.versioned) {
    out.push({
      name: 'If-Match',
      in: 'header',
      required: route.versioned === 'required',
      description: 'The version you read (the ETag of your GET); a stale one answers 409.',
      schema: { type: 'string' },
    });
  }
  if (route.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'A retried request with the same key returns the first response and writes nothing new.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,100}$' },
    });
  }
  return out;
}

export function buildOpenApi(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.group],
      ...(route.scope === 'public' ? { security: [] } : {}),
      description: route.scope === 'public' ? 'Public.' : `Roles: ${route.roles.join(', ')}. Tenant: ${route.scope}.`,
      parameters: parameters(route),
      ...(route.body
        ? { requestBody: { required: false, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } }
        : {}),
      responses: {
        [String(route.status)]: {
          description: 'Success',
          content: { [route.produces ?? 'application/json']: { schema: toSchema(route.response, 'output') } },
        },
        '400': problem,
        ...(route.scope === 'public' ? {} : { '401': problem, '403': problem, '404': problem }),
        ...(route.method === 'GET' ? {} : { '409': problem, '422': problem }),
        ...(route.versioned ? { '428': problem } : {}),
      },
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Township elections API (人大代表换届选举)',
      version: '0.1.0',
      description:
        'County and township People’s Congress deputy elections: rounds, townships, seat allocation, timelines, audit. ' +
        'Every error is an application/problem+json document naming the fields at fault.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
