import { errorCodes, type RouteContract, routes } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { startTestServer, type TestServer } from '../../../test/harness';

type Json = Record<string, any>;

const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

/** Every `$ref` anywhere in the document. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') out.push(item);
      else refsIn(item, out);
    }
  }
  return out;
}

describe('OpenAPI document at /api/docs', () => {
  let sut: TestServer;
  let doc: Json;

  beforeAll(async () => {
    sut = await startTestServer();
    const response = await new ApiClient(sut.url).get('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = response.body;
  });
  afterAll(() => sut?.close());

  it('is OpenAPI 3, served without sign-in', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.albumGuest).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'dg_guest' });
    expect(doc.components.securitySchemes.albumWall).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-album-wall-token' });
  });

  it.each(Object.entries(routes) as Array<[string, RouteContract]>)('describes %s', (name, contract) => {
    const operation = doc.paths[openApiPath(contract.path)]?.[contract.method.toLowerCase()];
    expect(operation, `${contract.method} ${contract.path}`).toBeDefined();
    expect(operation.operationId).toBe(name);
    expect(operation.summary).toBe(contract.summary);
    const visitors = [...(contract.albumAccess?.guests ? [{ albumGuest: [] }] : []), ...(contract.albumAccess?.wall ? [{ albumWall: [] }] : [])];
    expect(operation.security).toEqual(contract.auth ? [{ bearer: [] }, ...visitors] : []);
    expect(Object.keys(operation.responses)).toContain(String(contract.status));
    expect('401' in operation.responses).toBe(contract.auth);
    expect(operation.requestBody !== undefined).toBe(contract.body !== undefined);
    if (contract.response) expect(operation.responses[contract.status].content['application/json'].schema).toBeDefined();

    const pathParams = [...contract.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
    const declared = operation.parameters.filter((p: Json) => p.in === 'path');
    expect(declared.map((p: Json) => p.name).sort()).toEqual(pathParams.sort());
    for (const param of declared) expect(param.required).toBe(true);
  });

  it('has no operation that is not in the route table', () => {
    const documented = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const declared = Object.values(routes).map((r: RouteContract) => `${r.method} ${openApiPath(r.path)}`);
    expect(documented.sort()).toEqual(declared.sort());
  });

  it('resolves every $ref, and its ErrorBody lists every error code', () => {
    const schemas = doc.components.schemas as Record<string, Json>;
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
    expect([...schemas.ErrorBody!.properties.error.properties.code.enum].sort()).toEqual([...errorCodes].sort());
  });
});
