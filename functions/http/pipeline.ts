/**
 * One Lambda handler per route group: middy with the pipeline's middlewares, then the route's
 * implementation (domain → store → reply). Idempotent POSTs replay their first response.
 */
import { createHash } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import canonicalize from 'canonicalize';
import { IdempotencyMismatchError, IdempotentReplay } from '@township/store';
import { now } from './clock';
import type { PipelineContext, Reply, RequestContext } from './context';
import { problemErrors } from './errors';
import { logger } from './logger';
import { authenticate, parseJsonBody, resolveRoute, tenantGuard, validateParams, validateRequest } from './middlewares';
import { routeKey, type AnyRoute, type Group, type RouteInput } from './route';
import { loadPersonKeySecret } from '../voter-import/secret';
import { getStore } from './store';

export type Implementation<R extends AnyRoute> = (input: RouteInput<R>, ctx: RequestContext) => Promise<Reply>;

/** One implementation for each route of group `G`, and no other. */
export type Implementations<Rs extends Record<string, AnyRoute>, G extends Group> = {
  [K in keyof Rs as Rs[K]['group'] extends G ? K : never]: Implementation<Rs[K]>;
};

export { getStore } from './store';

export type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: import('aws-lambda').Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function groupHandler<Rs extends Record<string, AnyRoute>, G extends Group>(
  group: G,
  routes: Rs,
  implementations: Implementations<Rs, G>,
): HttpHandler {
  const mine = Object.values(routes).filter((r) => r.group === group);
  const byKey = new Map<string, Implementation<AnyRoute>>(
    Object.entries(routes)
      .filter(([, r]) => r.group === group)
      .map(([id, r]) => [routeKey(r), (implementations as Record<string, Implementation<AnyRoute>>)[id]!]),
  );

  const core = async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: PipelineContext) => {
    // In AWS the person-key secret comes from Secrets Manager, once per container.
    await loadPersonKeySecret();
    const found = context.app!;
    const route = found.route!;
    const requestId = found.requestId ?? context.awsRequestId;
    const at = now();
    const principal = found.principal;
    const input = found.input ?? { params: {}, query: {}, body: undefined };
    const idempotency =
      found.idempotencyKey && found.scope
        ? { scope: found.scope, operation: route.operationId, key: found.idempotencyKey, requestHash: requestHash(route, input) }
        : undefined;
    const ctx: RequestContext = {
      route,
      requestId,
      store: getStore(),
      now: at,
      mutation: {
        actor: principal ? { sub: principal.sub, name: principal.name, role: principal.role } : { sub: 'anonymous', name: 'anonymous', role: 'anonymous' },
        requestId,
        at: at.toISOString(),
        ...(idempotency ? { idempotency } : {}),
      },
      ...(principal ? { principal } : {}),
      ...(found.scope ? { scope: found.scope } : {}),
      ...(found.township ? { township: found.township } : {}),
      ...(found.ifMatch !== undefined ? { ifMatch: found.ifMatch } : {}),
    };

    if (idempotency) {
      const prior = await ctx.store.idempotency.get(idempotency.scope, idempotency.operation, idempotency.key, ctx.now);
      if (prior) {
        if (prior.requestHash !== idempotency.requestHash) {
          throw new IdempotencyMismatchError('this Idempotency-Key was used for a different request');
        }
        return respond({ status: prior.replay.status, body: prior.replay.body, headers: { 'idempotent-replayed': 'true' } }, route);
      }
    }
    try {
      return respond(await byKey.get(routeKey(route))!(input as RouteInput<AnyRoute>, ctx), route);
    } catch (error) {
      if (error instanceof IdempotentReplay) {
        return respond({ status: error.replay.status, body: error.replay.body, headers: { 'idempotent-replayed': 'true' } }, route);
      }
      throw error;
    }
  };

  return middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Error, PipelineContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemErrors())
    .use(resolveRoute(mine))
    .use(authenticate())
    .use(parseJsonBody())
    .use(validateParams())
    .use(tenantGuard(getStore))
    .use(validateRequest())
    .handler(core) as unknown as HttpHandler;
}

function requestHash(route: AnyRoute, input: { params: unknown; body: unknown }) {
  return createHash('sha256')
    .update(canonicalize({ route: routeKey(route), params: input.params, body: input.body ?? null }) ?? '')
    .digest('hex');
}

function respond(reply: Reply, route: AnyRoute): APIGatewayProxyStructuredResultV2 {
  if (route.produces && typeof reply.body === 'string') {
    return { statusCode: reply.status ?? route.status, headers: { 'content-type': `${route.produces}; charset=utf-8`, ...reply.headers }, body: reply.body };
  }
  const body = reply.body as { version?: unknown } | undefined;
  const etag = route.versioned || route.method === 'GET' ? versionTag(body) : undefined;
  return {
    statusCode: reply.status ?? route.status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(etag ? { etag } : {}),
      ...reply.headers,
    },
    body: JSON.stringify(reply.body),
  };
}

const versionTag = (body: { version?: unknown } | undefined) =>
  body && typeof body === 'object' && typeof body.version === 'number' ? `"${body.version}"` : undefined;
