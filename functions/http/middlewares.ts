/**
 * The request pipeline, one small middleware per step, in this order:
 * resolve the route → authenticate → parse the JSON body → validate path parameters →
 * tenant guard → validate query, headers and body. Each step refuses with a problem document.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { countyScope, townshipScope, type ElectionStore } from '@township/store';
import { z } from 'zod';
import type { PipelineContext } from './context';
import { logger } from './logger';
import { mayReachTownship, principalFromClaims, type Principal } from './principal';
import { badRequest, forbidden, HttpProblem, notFound, preconditionRequired } from './problem';
import { isMutation, routeKey, type AnyRoute } from './route';
import { parseOrThrow } from './validation';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Mw = MiddlewareObj<Event, APIGatewayProxyStructuredResultV2, Error, PipelineContext>;
type Req = Request<Event, APIGatewayProxyStructuredResultV2, Error, PipelineContext>;

const app = (request: Req) => (request.context.app ??= {});
const routeOf = (request: Req) => {
  const route = app(request).route;
  if (!route) throw new Error('route not resolved');
  return route;
};

export const resolveRoute = (routes: readonly AnyRoute[]): Mw => {
  const byKey = new Map(routes.map((r) => [routeKey(r), r]));
  return {
    before: async (request) => {
      const route = byKey.get(request.event.routeKey);
      if (!route) throw notFound(`No route ${request.event.routeKey} in this function.`);
      app(request).route = route;
      app(request).requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
      logger.appendKeys({ route: route.operationId, requestId: app(request).requestId });
    },
  };
};

/** Claims → principal; role allowed by the route; observers never change anything. */
export const authenticate = (): Mw => ({
  before: async (request) => {
    const route = routeOf(request);
    if (route.scope === 'public') return;
    const principal = principalFromClaims(request.event.requestContext?.authorizer?.jwt?.claims);
    app(request).principal = principal;
    logger.appendKeys({ role: principal.role, county: principal.countyId });
    if (principal.role === 'observer' && isMutation(route)) throw forbidden('Observers read; they change nothing.');
    if (!route.roles.includes(principal.role)) {
      throw forbidden(`The role ${principal.role} may not ${route.summary.toLowerCase()}.`);
    }
  },
});

/** JSON bodies only where the route takes one; an absent body is an empty object. */
export const parseJsonBody = (): Mw => {
  const parser = httpJsonBodyParser() as unknown as { before: (request: Req) => void };
  return {
    before: async (request) => {
      const route = routeOf(request);
      if (!route.body) return;
      const body = request.event.body;
      if (body === undefined || body === null || body === '') {
        (request.event as { body?: unknown }).body = {};
        return;
      }
      try {
        parser.before(request);
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 415) {
          throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the body as application/json.', {
            errors: [{ field: 'header.content-type', message: 'expected application/json' }],
          });
        }
        throw badRequest([{ field: 'body', message: 'malformed JSON' }], 'The body is not valid JSON.');
      }
    },
  };
};

export const validateParams = (): Mw => ({
  before: async (request) => {
    const route = routeOf(request);
    const input = (app(request).input ??= { params: {}, query: {}, body: undefined });
    input.params = parseOrThrow(route.params, request.event.pathParameters ?? {}, 'path');
  },
});

/**
 * The tenant guard. County routes address the caller's own county (from the token). Township
 * routes address `{townshipId}`: an officer reaches only the township of their claims (a district
 * officer, on routes with `{districtId}`, only their districts), a county admin any township of
 * their county, an observer those granted. Someone else's township is 403
 * for officers (their claims say so without a read) and 404 for a county admin of another county
 * (the township is not theirs to know of).
 */
export const tenantGuard = (getStore: () => ElectionStore): Mw => ({
  before: async (request) => {
    const route = routeOf(request);
    const principal = app(request).principal;
    if (route.scope === 'public' || !principal) return;
    if (route.scope === 'county') {
      app(request).scope = countyScope(principal.countyId);
      logger.appendKeys({ tenant: `county:${principal.countyId}` });
      return;
    }
    const { townshipId, districtId } = app(request).input?.params as { townshipId: string; districtId?: string };
    if (!mayReachTownship(principal, townshipId)) throw forbidden(guardMessage(principal));
    // A district officer (选区工作组) acts only in the districts of their claims.
    if (principal.role === 'district_officer' && districtId !== undefined && !principal.districts.includes(districtId)) {
      throw forbidden('District officers reach their own districts only.');
    }
    const scope = townshipScope(principal.countyId, townshipId);
    const township = await getStore().townships.get(scope);
    if (!township) throw notFound(`No township ${townshipId} in county ${principal.countyId}.`);
    app(request).scope = scope;
    app(request).township = township;
    logger.appendKeys({ tenant: `township:${townshipId}` });
  },
});

const guardMessage = (principal: Principal) =>
  principal.role === 'observer'
    ? 'This township is not among those you are granted to observe.'
    : 'Officers reach their own township only.';

const IDEMPOTENCY_KEY = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, '1–100 letters, digits or _ . : -');
const IF_MATCH = z
  .string()
  .regex(/^(W\/)?"?\d{1,15}"?$/, 'the version you read, as returned in ETag (e.g. "3")')
  .transform((v) => Number(v.replace(/\D/g, '')));

export const validateRequest = (): Mw => ({
  before: async (request) => {
    const route = routeOf(request);
    const input = (app(request).input ??= { params: {}, query: {}, body: undefined });
    input.query = parseOrThrow(route.query, request.event.queryStringParameters ?? {}, 'query');
    if (route.body) input.body = parseOrThrow(route.body, request.event.body, 'body');
    const headers = request.event.headers ?? {};
    if (route.versioned) {
      const ifMatch = headers['if-match'];
      if (ifMatch !== undefined) {
        app(request).ifMatch = parseOrThrow(IF_MATCH, ifMatch, 'header.if-match');
      } else if (route.versioned === 'required') {
        throw preconditionRequired('Send If-Match with the version you read (the ETag of your GET), so no one else’s change is overwritten.');
      }
    }
    if (route.idempotent && headers['idempotency-key'] !== undefined) {
      app(request).idempotencyKey = parseOrThrow(IDEMPOTENCY_KEY, headers['idempotency-key'], 'header.idempotency-key');
    }
  },
});
