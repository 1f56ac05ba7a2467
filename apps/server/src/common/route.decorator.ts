import { applyDecorators, HttpCode, RequestMapping, RequestMethod, SetMetadata } from '@nestjs/common';
import type { RouteContract } from '@discordgym/contracts';

export const PUBLIC_ROUTE = 'discordgym:public';
export const ROUTE_CONTRACT = 'discordgym:route';

const methods = {
  GET: RequestMethod.GET,
  POST: RequestMethod.POST,
  PUT: RequestMethod.PUT,
  PATCH: RequestMethod.PATCH,
  DELETE: RequestMethod.DELETE,
} as const;

/**
 * Binds a handler to its entry in the contracts' route table: path, method, status and
 * whether it needs a signed-in user all come from there, so they cannot drift apart.
 */
export function Route(contract: RouteContract): MethodDecorator {
  return applyDecorators(
    RequestMapping({ path: contract.path, method: methods[contract.method] }),
    HttpCode(contract.status),
    SetMetadata(ROUTE_CONTRACT, contract),
    SetMetadata(PUBLIC_ROUTE, !contract.auth),
  );
}
