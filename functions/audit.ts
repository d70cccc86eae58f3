/** The audit trails: a township's and the county's, each with its chain verified. */
import type { TenantScope } from '@township/store';
import type { RequestContext } from './http/context';
import { groupHandler } from './http/pipeline';
import { routes } from './routes';

async function auditPage(scope: TenantScope, query: { limit?: number; cursor?: string }, ctx: RequestContext) {
  const [verification, page] = await Promise.all([ctx.store.audit.verify(scope), ctx.store.audit.page(scope, query)]);
  return { body: { verification, ...page } };
}

export const handler = groupHandler('audit', routes, {
  getTownshipAudit: ({ query }, ctx) => auditPage(ctx.scope!, query, ctx),
  getCountyAudit: ({ query }, ctx) => auditPage(ctx.scope!, query, ctx),
});
