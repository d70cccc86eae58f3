/** Districts (选区) and the township's division, read here and written through `commit`. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WriteOp } from './commit';
import { stripKeys } from './keys';
import { rollKeys } from './roll-keys';
import type { DistrictRecord, DivisionRecord } from './roll-records';
import type { CountyScope, TownshipScope } from './scope';
import { queryAll } from './query-all';
import { COUNTY_INDEX } from './table';

/** A deleted district stays as a tombstone so that its version (and the audit) go on. */
type StoredDistrict = DistrictRecord & { deleted?: boolean };

export class DistrictRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The district, deleted ones included (callers check `deleted`). */
  async getStored(scope: TownshipScope, roundId: string, districtId: string): Promise<StoredDistrict | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: rollKeys.district(scope, roundId, districtId), ConsistentRead: true }),
    );
    return Item ? stripKeys<StoredDistrict>(Item) : undefined;
  }

  async get(scope: TownshipScope, roundId: string, districtId: string): Promise<DistrictRecord | undefined> {
    const stored = await this.getStored(scope, roundId, districtId);
    if (!stored || stored.deleted) return undefined;
    const { deleted: _deleted, ...district } = stored;
    return district;
  }

  /** Every live district of the township in the round, by id (a township has tens, not thousands). */
  async list(scope: TownshipScope, roundId: string): Promise<DistrictRecord[]> {
    const items = await queryAll(this.doc, this.tableName, {
      partition: rollKeys.district(scope, roundId, 'x').pk,
      skPrefix: rollKeys.districtPrefix(roundId),
      consistent: true,
    });
    const out: DistrictRecord[] = [];
    for (const item of items) {
      const { deleted, ...district } = stripKeys<StoredDistrict>(item);
      if (!deleted) out.push(district);
    }
    return out;
  }

  write(scope: TownshipScope, district: DistrictRecord, expect: WriteOp['expect']): WriteOp {
    return {
      item: { ...rollKeys.district(scope, district.roundId, district.id), entity: 'district', ...district },
      expect,
      describe: `district ${district.id}`,
    };
  }

  tombstone(scope: TownshipScope, district: DistrictRecord, at: string): WriteOp {
    return {
      item: { ...rollKeys.district(scope, district.roundId, district.id), entity: 'district', ...district, version: district.version + 1, updatedAt: at, deleted: true },
      expect: { kind: 'version', version: district.version },
      describe: `district ${district.id}`,
    };
  }
}

export class DivisionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(scope: TownshipScope, roundId: string): Promise<DivisionRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: rollKeys.division(scope, roundId), ConsistentRead: true }),
    );
    return Item ? stripKeys<DivisionRecord>(Item) : undefined;
  }

  /** The county's view: every township's division of the round, from the county index. */
  async listForCounty(scope: CountyScope, roundId: string): Promise<DivisionRecord[]> {
    const items = await queryAll(this.doc, this.tableName, { index: COUNTY_INDEX, partition: rollKeys.countyDivisions(scope, roundId) });
    return items.map((item) => stripKeys<DivisionRecord>(item));
  }

  write(scope: TownshipScope, division: DivisionRecord, expect: WriteOp['expect']): WriteOp {
    return {
      item: {
        ...rollKeys.division(scope, division.roundId),
        entity: 'division',
        [COUNTY_INDEX.partition]: rollKeys.countyDivisions(scope, division.roundId),
        [COUNTY_INDEX.sort]: scope.townshipId,
        ...division,
      },
      expect,
      describe: `the division of township ${scope.townshipId}`,
    };
  }
}
