/** The tenant the guard admitted, typed for the route's scope. */
import type { CountyScope, TownshipRecord, TownshipScope } from '@township/store';
import type { RequestContext } from './context';

export function countyOf(ctx: RequestContext): CountyScope {
  if (ctx.scope?.kind !== 'county') throw new Error(`${ctx.route.operationId} is not a county route`);
  return ctx.scope;
}

export function townshipOf(ctx: RequestContext): { scope: TownshipScope; township: TownshipRecord } {
  if (ctx.scope?.kind !== 'township' || !ctx.township) throw new Error(`${ctx.route.operationId} is not a township route`);
  return { scope: ctx.scope, township: ctx.township };
}
