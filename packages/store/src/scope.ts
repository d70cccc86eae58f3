/**
 * A tenant scope: the only way to name a partition. Every key builder takes one, so the store
 * cannot build a key without a tenant context, and the ids are checked here so that no `#` or
 * other separator from a request can reach a key.
 */
declare const scopeBrand: unique symbol;

export interface CountyScope {
  readonly kind: 'county';
  readonly countyId: string;
  readonly [scopeBrand]: true;
}

export interface TownshipScope {
  readonly kind: 'township';
  readonly countyId: string;
  readonly townshipId: string;
  readonly [scopeBrand]: true;
}

export type TenantScope = CountyScope | TownshipScope;

const COUNTY_ID = /^\d{6}$/;
const TOWNSHIP_ID = /^\d{9}$/;

export class InvalidScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScopeError';
  }
}

export function countyScope(countyId: string): CountyScope {
  if (!COUNTY_ID.test(countyId)) throw new InvalidScopeError(`not a county id: ${JSON.stringify(countyId)}`);
  return Object.freeze({ kind: 'county', countyId }) as CountyScope;
}

export function townshipScope(countyId: string, townshipId: string): TownshipScope {
  if (!COUNTY_ID.test(countyId)) throw new InvalidScopeError(`not a county id: ${JSON.stringify(countyId)}`);
  if (!TOWNSHIP_ID.test(townshipId)) throw new InvalidScopeError(`not a township id: ${JSON.stringify(townshipId)}`);
  return Object.freeze({ kind: 'township', countyId, townshipId }) as TownshipScope;
}

/** The county a township belongs to: county items (rounds, apportionment) are readable from it. */
export const countyOf = (scope: TenantScope): CountyScope => countyScope(scope.countyId);

export const scopeLabel = (scope: TenantScope) =>
  scope.kind === 'county' ? `county:${scope.countyId}` : `township:${scope.townshipId}`;
