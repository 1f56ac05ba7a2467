import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { type RouteContract, roleRank, routes, UserRole } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client';
import { expectError } from '../test/expect-error';
import { grantRole, registerUser } from '../test/factories';
import { startTestServer, type TestServer } from '../test/harness';
import { PUBLIC_ROUTE, ROUTE_CONTRACT } from './common/route.decorator';

const contracts = Object.values(routes) as RouteContract[];
const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
/** find-my-way prints sibling parameters as `:a|:b`: compare paths with parameter names erased. */
const shape = (path: string) => path.replace(/:[A-Za-z_]+(\|:[A-Za-z_]+)*/g, ':');

/** The routes Fastify's router holds, from `printRoutes({ commonPrefix: false })`'s tree. */
function fastifyRoutes(tree: string): string[] {
  const out: string[] = [];
  const parents: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (depth > 0 ? parents[depth - 1]! : '') + match[2]!;
    parents[depth] = path;
    parents.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) out.push(`${method} ${path}`);
  }
  return out;
}

interface Handler {
  method: string;
  path: string;
  isPublic: unknown;
  contract: unknown;
  name: string;
}

/** Every handler of every Nest controller, with its declared route and authorization. */
function nestHandlers(sut: TestServer): Handler[] {
  const handlers: Handler[] = [];
  for (const module of sut.server.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const fn = Object.getOwnPropertyDescriptor(controller.prototype, key)?.value;
        if (typeof fn !== 'function' || key === 'constructor' || Reflect.getMetadata(PATH_METADATA, fn) === undefined) continue;
        const path = `/${prefix}/${String(Reflect.getMetadata(PATH_METADATA, fn))}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        handlers.push({
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod],
          path,
          isPublic: Reflect.getMetadata(PUBLIC_ROUTE, fn),
          contract: Reflect.getMetadata(ROUTE_CONTRACT, fn),
          name: `${controller.name}.${key}`,
        });
      }
    }
  }
  return handlers;
}

describe('routes ↔ contracts', () => {
  let sut: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    sut = await startTestServer();
    api = new ApiClient(sut.url);
  });
  afterAll(() => sut?.close());

  it('registers exactly the contracts\' routes under /api in Fastify', () => {
    const registered = fastifyRoutes(sut.server.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }))
      .map((route) => route.split(' ') as [string, string])
      .filter(([, path]) => isApi(path));
    expect(registered.length).toBeGreaterThan(0);
    const heads = registered.filter(([method]) => method === 'HEAD').map(([, path]) => path);
    const gets = registered.filter(([method]) => method === 'GET').map(([, path]) => path);
    expect(heads.sort()).toEqual(gets.sort());

    const actual = registered.filter(([method]) => method !== 'HEAD').map(([method, path]) => `${method} ${shape(path)}`);
    const declared = contracts.map((r) => `${r.method} ${shape(r.path)}`);
    expect(actual.sort()).toEqual(declared.sort());
  });

  it('binds every /api handler to its contract entry, parameter names included', () => {
    const api = nestHandlers(sut).filter((h) => isApi(h.path));
    expect(api.map((h) => `${h.method} ${h.path}`).sort()).toEqual(contracts.map((r) => `${r.method} ${r.path}`).sort());
    for (const handler of api) {
      const contract = contracts.find((r) => r.method === handler.method && r.path === handler.path);
      expect(handler.contract, `${handler.name} is not declared with @Route`).toBe(contract);
    }
  });

  it('declares authorization on every handler (STYLE.md 6)', () => {
    const handlers = nestHandlers(sut);
    expect(handlers.length).toBeGreaterThan(contracts.length);
    for (const handler of handlers) {
      expect(typeof handler.isPublic, `${handler.name} (${handler.method} ${handler.path}) declares neither @Route nor public`).toBe('boolean');
      if (handler.contract) expect(handler.isPublic, handler.name).toBe(!(handler.contract as RouteContract).auth);
      else expect(isApi(handler.path), `${handler.name} is under /api without a contract`).toBe(false);
    }
  });

  const fill = (path: string) => path.replace(/:[A-Za-z_]+/g, () => uuidv7());

  it.each(contracts.filter((r) => r.auth).map((r) => [r.method, r.path] as const))('%s %s answers 401 without a token', async (method, path) => {
    const response = await api.request(method, fill(path));
    expectError(response, 401, 'UNAUTHENTICATED');
    const garbage = await api.request(method, fill(path), undefined, { token: 'not-a-token' });
    expectError(garbage, 401, 'TOKEN_INVALID');
  });

  it.each(contracts.filter((r) => !r.auth).map((r) => [r.method, r.path] as const))('%s %s does not ask for an access token', async (method, path) => {
    const response = await api.request(method, fill(path));
    const code = response.status < 400 ? null : response.body.error.code;
    expect(['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'SESSION_REVOKED']).not.toContain(code);
  });

  it('names a policy for every route: public, or the least role it needs', () => {
    for (const contract of contracts) {
      const policy = contract.auth ? UserRole.safeParse(contract.role).success : contract.role === undefined;
      expect(policy, `${contract.method} ${contract.path} declares no role`).toBe(true);
    }
  });

  describe('role matrix', () => {
    const accounts: Partial<Record<UserRole, { email: string; password: string }>> = {};
    beforeAll(async () => {
      for (const role of UserRole.options) {
        const user = await registerUser(api);
        if (role !== 'member') await grantRole(sut, user.auth.user.id, role);
        accounts[role] = { email: user.email, password: user.password };
      }
    });
    /** A session of its own per case: some routes (logout, sign out others) end the caller's. */
    const tokenOf = async (role: UserRole) => {
      const response = await api.post<{ token: string }>('/api/auth/login', accounts[role]!);
      expect(response.status).toBe(200);
      return response.body.token;
    };

    const cases = contracts
      .filter((r): r is RouteContract & { auth: true } => r.auth)
      .flatMap((r) => UserRole.options.map((role) => [r.method, r.path, role, r.role] as const));

    it.each(cases)('%s %s as %s (needs %s)', async (method, path, role, needed) => {
      const response = await api.request(method, fill(path), method === 'GET' || method === 'DELETE' ? undefined : {}, { token: await tokenOf(role) });
      if (roleRank[role] < roleRank[needed]) expectError(response, 403, 'FORBIDDEN');
      // Enough role: the request gets past the role check (it may still be refused for its own reasons).
      else expect(response.status === 403 && response.body.error.message.includes(' role'), JSON.stringify(response.body)).toBe(false);
    });
  });
});
