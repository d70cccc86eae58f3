/**
 * The shape of one API route. The route table (`functions/routes.ts`) is a list of these and the
 * single source for the CDK HTTP API, the local gateway, the OpenAPI document and the generated
 * authorisation and fuzz tests.
 */
import { z } from 'zod';
import type { Role } from './principal';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The Lambda function a route belongs to: one `NodejsFunction` per group, entry
 * `functions/<group>.ts`.
 */
export const GROUPS = [
  'meta',
  'rounds',
  'townships',
  'apportionment',
  'elections',
  'audit',
  // issue 3 (timeline): its groups go on the lines below this one
  'timeline',
  'notifications',
  // issue 4 (voter roll): its groups go on the lines below this one
  'districts',
  'imports',
  'conflicts',
  'voters',
  'statistics',
  // issue 4 publication & objections: its groups go on the lines below this one
  'publications',
  'objections',
  // issue 4 AWS import path & county statistics: its groups go on the lines below this one
] as const;
export type Group = (typeof GROUPS)[number];

/**
 * Which tenant a route addresses. `county`: the caller's own county (from the token);
 * `township`: the `{townshipId}` path parameter, checked against the caller's claims;
 * `public`: no authentication (the OpenAPI document).
 */
export type Scope = 'public' | 'county' | 'township';

export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
  G extends Group = Group,
> {
  operationId: string;
  method: Method;
  /** API Gateway path syntax: `/townships/{townshipId}`. */
  path: string;
  group: G;
  scope: Scope;
  roles: readonly Role[];
  summary: string;
  params: P;
  query: Q;
  body: B;
  response: R;
  /** Success status. */
  status: 200 | 201;
  /** POST that honours `Idempotency-Key`. */
  idempotent?: boolean;
  /** PATCH/PUT of a versioned item: `If-Match` carries the version the client read. */
  versioned?: 'required' | 'when-exists';
  /** A route answering a document rather than JSON (a printable page): its body is the text. */
  produces?: 'text/html';
}

export type AnyRoute = RouteDef<z.ZodType, z.ZodType, z.ZodType | undefined, z.ZodType>;

/** Every role, each within its own tenant (the tenant guard narrows the reach). */
export const EVERYONE = ['county_admin', 'township_officer', 'district_officer', 'observer'] as const;
/** Who reads the county's own views. */
export const COUNTY_READERS = ['county_admin', 'observer'] as const;

export const noParams = z.strictObject({});
export const noQuery = z.strictObject({});

export function defineRoute<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
  G extends Group,
>(route: RouteDef<P, Q, B, R, G>): RouteDef<P, Q, B, R, G> {
  return route;
}

export const routeKey = (route: Pick<AnyRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

export const isMutation = (route: Pick<AnyRoute, 'method'>) => route.method !== 'GET';

/** The parsed, validated input a route implementation receives. */
export interface RouteInput<R extends AnyRoute> {
  params: z.output<R['params']>;
  query: z.output<R['query']>;
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
}
