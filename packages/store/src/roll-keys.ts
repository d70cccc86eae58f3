/**
 * Keys of the voter roll (issue 4), after DESIGN.md's sketch. A district's voters have their own
 * partition, so that one township's import spreads over its districts' partitions; the person
 * key is the one item a township writes outside its own keys (one district per person across the
 * county, EL 5 / ZJ 26) and it is named by a keyed hash of the resident ID, never the ID itself.
 *
 * | item                | pk                                          | sk                               | county index (gsi1)                          |
 * |---------------------|---------------------------------------------|----------------------------------|----------------------------------------------|
 * | district            | TOWNSHIP#<tid>                              | ROUND#<rid>#DISTRICT#<did>       | —                                            |
 * | division            | TOWNSHIP#<tid>                              | ROUND#<rid>#DIVISION             | COUNTY#<cid>#ROUND#<rid>#DIVISION, <tid>     |
 * | voter               | TOWNSHIP#<tid>#ROUND#<rid>#DISTRICT#<did>   | VOTER#<vid>                      | —                                            |
 * | person (county)     | COUNTY#<cid>#PERSON#<keyed hash>            | ROUND#<rid>                      | —                                            |
 * | conflict            | TOWNSHIP#<tid>                              | ROUND#<rid>#CONFLICT#<keyed hash>| COUNTY#<cid>#ROUND#<rid>#CONFLICT, <tid>#<h> |
 * | import              | TOWNSHIP#<tid>                              | ROUND#<rid>#IMPORT#<iid>         | —                                            |
 * | import by content   | TOWNSHIP#<tid>                              | ROUND#<rid>#IMPORTHASH#<sha256>  | —                                            |
 * | import report row   | TOWNSHIP#<tid>#IMPORT#<iid>                 | ROW#<row, 9 digits>#<n>          | —                                            |
 */
import { tenantPk } from './keys';
import type { CountyScope, TownshipScope } from './scope';

const HASH = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids from requests reach keys only through here: no separator can slip in. */
function safe(kind: string, id: string): string {
  if (!SAFE_ID.test(id)) throw new TypeError(`not a valid ${kind} id: ${JSON.stringify(id)}`);
  return id;
}

function hash(h: string): string {
  if (!HASH.test(h)) throw new TypeError('not a keyed hash');
  return h;
}

export const rollKeys = {
  district: (scope: TownshipScope, roundId: string, districtId: string) => ({
    pk: tenantPk(scope),
    sk: `ROUND#${safe('round', roundId)}#DISTRICT#${safe('district', districtId)}`,
  }),
  districtPrefix: (roundId: string) => `ROUND#${safe('round', roundId)}#DISTRICT#`,
  division: (scope: TownshipScope, roundId: string) => ({ pk: tenantPk(scope), sk: `ROUND#${safe('round', roundId)}#DIVISION` }),
  countyDivisions: (scope: CountyScope | TownshipScope, roundId: string) => `COUNTY#${scope.countyId}#ROUND#${safe('round', roundId)}#DIVISION`,
  voterPartition: (scope: TownshipScope, roundId: string, districtId: string) =>
    `${tenantPk(scope)}#ROUND#${safe('round', roundId)}#DISTRICT#${safe('district', districtId)}`,
  voter: (scope: TownshipScope, roundId: string, districtId: string, voterId: string) => ({
    pk: rollKeys.voterPartition(scope, roundId, districtId),
    sk: `VOTER#${safe('voter', voterId)}`,
  }),
  voterPrefix: 'VOTER#',
  /** The county-wide person record: the township writes it, in its county's key space. */
  person: (scope: CountyScope | TownshipScope, roundId: string, personKey: string) => ({
    pk: `COUNTY#${scope.countyId}#PERSON#${hash(personKey)}`,
    sk: `ROUND#${safe('round', roundId)}`,
  }),
  conflict: (scope: TownshipScope, roundId: string, personKey: string) => ({
    pk: tenantPk(scope),
    sk: `ROUND#${safe('round', roundId)}#CONFLICT#${hash(personKey)}`,
  }),
  conflictPrefix: (roundId: string) => `ROUND#${safe('round', roundId)}#CONFLICT#`,
  countyConflicts: (scope: CountyScope | TownshipScope, roundId: string) => `COUNTY#${scope.countyId}#ROUND#${safe('round', roundId)}#CONFLICT`,
  import: (scope: TownshipScope, roundId: string, importId: string) => ({
    pk: tenantPk(scope),
    sk: `ROUND#${safe('round', roundId)}#IMPORT#${safe('import', importId)}`,
  }),
  importPrefix: (roundId: string) => `ROUND#${safe('round', roundId)}#IMPORT#`,
  importByContent: (scope: TownshipScope, roundId: string, sha256: string) => ({
    pk: tenantPk(scope),
    sk: `ROUND#${safe('round', roundId)}#IMPORTHASH#${hash(sha256)}`,
  }),
  importReport: (scope: TownshipScope, importId: string) => `${tenantPk(scope)}#IMPORT#${safe('import', importId)}`,
  importReportRow: (scope: TownshipScope, importId: string, row: number, n: number) => ({
    pk: rollKeys.importReport(scope, importId),
    sk: `ROW#${String(row).padStart(9, '0')}#${n}`,
  }),
};
