/** What a route implementation receives besides its validated input. */
import type { Context } from 'aws-lambda';
import type { ElectionStore, Mutation, TenantScope, TownshipRecord } from '@township/store';
import type { Principal } from './principal';
import type { AnyRoute } from './route';

export interface RequestContext {
  route: AnyRoute;
  requestId: string;
  /** Absent only on public routes. */
  principal?: Principal;
  /** The tenant the request addresses, after the guard allowed it. */
  scope?: TenantScope;
  /** The township's profile, loaded by the tenant guard on township routes. */
  township?: TownshipRecord;
  store: ElectionStore;
  /** Who, when, and the idempotency key: what a write records. */
  mutation: Mutation;
  /** The version from `If-Match`, on versioned routes. */
  ifMatch?: number;
  now: Date;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The Lambda context, carrying the pipeline's findings between middlewares. */
export interface PipelineContext extends Context {
  app?: Partial<RequestContext> & { input?: { params: unknown; query: unknown; body: unknown }; idempotencyKey?: string };
}
