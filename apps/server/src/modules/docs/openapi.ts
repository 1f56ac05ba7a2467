import { ErrorBody, errorStatus, GUEST_COOKIE, type RouteContract, routes, WALL_TOKEN_HEADER } from '@discordgym/contracts';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

type Definitions = Record<string, JsonSchema>;

/**
 * Zod → JSON Schema; schemas with a `.meta({ id })` become named components. Zod puts
 * named schemas under `definitions` (OpenAPI 3.0 target) or `$defs` and refers to them
 * there; OpenAPI wants them, and every reference, under `#/components/schemas/`.
 */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', components: Definitions): JsonSchema {
  const json = z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as JsonSchema & { $defs?: Definitions; definitions?: Definitions };
  const { $defs, definitions, ...rest } = json;
  for (const [name, definition] of Object.entries({ ...$defs, ...definitions })) components[name] = toComponentRefs(definition);
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id === 'string') {
    // The top level is either the schema itself or a reference to its own definition.
    if (!('$ref' in rest)) components[id] = toComponentRefs(rest);
    return { $ref: `#/components/schemas/${id}` };
  }
  return toComponentRefs(rest);
}

function toComponentRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(toComponentRefs) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' ? item.replace(/^#\/(\$defs|definitions)\//, '#/components/schemas/') : toComponentRefs(item),
    ]),
  ) as T;
}

function parameters(contract: RouteContract, components: Definitions): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [['path', contract.params], ['query', contract.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input', components) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  return out;
}

/** The OpenAPI 3 document, generated from the same route table the controllers use. */
export function buildOpenApiDocument(): JsonSchema {
  const components: Definitions = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const errorRef = schemaOf(ErrorBody, 'output', components);
  for (const [name, contract] of Object.entries(routes) as [string, RouteContract][]) {
    const path = contract.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const responses: Record<string, JsonSchema> = {
      [contract.status]: contract.response
        ? { description: 'OK', content: { 'application/json': { schema: schemaOf(contract.response, 'output', components) } } }
        : { description: contract.status === 204 ? 'No content' : 'OK' },
      '400': { description: 'Invalid request', content: { 'application/json': { schema: errorRef } } },
      '429': { description: 'Rate limited', content: { 'application/json': { schema: errorRef } } },
    };
    if (contract.auth) responses['401'] = { description: 'Not signed in', content: { 'application/json': { schema: errorRef } } };
    (paths[path] ??= {})[contract.method.toLowerCase()] = {
      operationId: name,
      summary: contract.summary,
      tags: [path.split('/')[2] ?? 'api'],
      // Any one of the listed schemes suffices: album routes may admit a guest cookie or a wall token instead of a user.
      security: contract.auth
        ? [{ bearer: [] }, ...(contract.albumAccess?.guests ? [{ albumGuest: [] }] : []), ...(contract.albumAccess?.wall ? [{ albumWall: [] }] : [])]
        : [],
      parameters: parameters(contract, components),
      ...(contract.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(contract.body, 'input', components) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'DiscordGym API',
      version: '0.1.0',
      description: `Errors always have the shape ErrorBody. Codes and statuses: ${Object.entries(errorStatus)
        .map(([code, status]) => `${code}=${status}`)
        .join(', ')}.`,
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: components, securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        // Counts only with the header x-discordgym-client: web (CSRF).
        albumGuest: { type: 'apiKey', in: 'cookie', name: GUEST_COOKIE },
        albumWall: { type: 'apiKey', in: 'header', name: WALL_TOKEN_HEADER },
      },
    },
  };
}
