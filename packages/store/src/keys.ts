/**
 * The key design (DESIGN.md, "Key design sketch"). Every tenant item's partition key begins with
 * its tenant: `TOWNSHIP#<tid>…` or `COUNTY#<cid>…`. County views read the county index.
 *
 * | item                 | pk                          | sk                         | county index (gsi1)                |
 * |----------------------|-----------------------------|----------------------------|------------------------------------|
 * | round                | COUNTY#<cid>                | ROUND#<rid>                | —                                  |
 * | apportionment        | COUNTY#<cid>                | APPORTIONMENT#<rid>        | —                                  |
 * | township profile     | TOWNSHIP#<tid>              | PROFILE                    | COUNTY#<cid>#TOWNSHIP, <tid>       |
 * | audit chain head     | <tenant pk>#AUDIT           | HEAD                       | —                                  |
 * | audit event          | <tenant pk>#AUDIT           | EVENT#<seq, 12 digits>     | —                                  |
 * | idempotency record   | <tenant pk>#IDEMPOTENCY     | <operation>#<key>          | —                                  |
 */
import type { CountyScope, TenantScope, TownshipScope } from './scope';

export const tenantPk = (scope: TenantScope) =>
  scope.kind === 'county' ? `COUNTY#${scope.countyId}` : `TOWNSHIP#${scope.townshipId}`;

export const keys = {
  round: (scope: CountyScope, roundId: string) => ({ pk: tenantPk(scope), sk: `ROUND#${roundId}` }),
  roundPrefix: 'ROUND#',
  apportionment: (scope: CountyScope, roundId: string) => ({ pk: tenantPk(scope), sk: `APPORTIONMENT#${roundId}` }),
  townshipProfile: (scope: TownshipScope) => ({ pk: tenantPk(scope), sk: 'PROFILE' }),
  countyTownships: (scope: CountyScope | TownshipScope) => `COUNTY#${scope.countyId}#TOWNSHIP`,
  auditHead: (scope: TenantScope) => ({ pk: `${tenantPk(scope)}#AUDIT`, sk: 'HEAD' }),
  auditEvent: (scope: TenantScope, seq: number) => ({
    pk: `${tenantPk(scope)}#AUDIT`,
    sk: `EVENT#${String(seq).padStart(12, '0')}`,
  }),
  auditEventPrefix: 'EVENT#',
  idempotency: (scope: TenantScope, operation: string, key: string) => ({
    pk: `${tenantPk(scope)}#IDEMPOTENCY`,
    sk: `${operation}#${key}`,
  }),
};

/** Attributes that are keys and bookkeeping, stripped before an item leaves the store. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'expiresAt'] as const;

export function stripKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete out[k];
  return out as T;
}
