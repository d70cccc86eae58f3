/**
 * Snapshots of a township's roll statistics (选民登记统计), kept for the county's view: a
 * county of ~1,000,000 voters cannot be counted voter by voter at request time. A snapshot is
 * written when the township's figures are computed (its statistics read, an import finished) and
 * says as of which audit event of the township it is; the county's view lists them through the
 * county index (one Query) and compares that event with the township's chain head: a township
 * that changed since is marked stale, never silently summed as current.
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PublishedCounts } from './publications';
import { queryAll } from './query-all';
import { stripKeys, tenantPk } from './keys';
import type { CountyScope, TownshipScope } from './scope';
import { COUNTY_INDEX } from './table';

/** The same figures a publication carries for each district. */
export type CountsRecord = PublishedCounts;

export interface StatisticsSnapshot {
  roundId: string;
  townshipId: string;
  townshipName: string;
  total: CountsRecord;
  districts: Array<CountsRecord & { districtId: string; districtName: string }>;
  conflicts: { open: number; resolved: number };
  /** When it was computed, and the township's last audit event then (0: none). */
  asOf: string;
  chainSeq: number;
}

const key = (scope: TownshipScope, roundId: string) => ({ pk: tenantPk(scope), sk: `ROUND#${roundId}#STATISTICS` });
const countyPartition = (countyId: string, roundId: string) => `COUNTY#${countyId}#ROUND#${roundId}#STATISTICS`;

export class RollStatisticsRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A derived figure, not a fact: written without audit, and only over an older snapshot. */
  async put(scope: TownshipScope, snapshot: StatisticsSnapshot): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key(scope, snapshot.roundId),
            [COUNTY_INDEX.partition]: countyPartition(scope.countyId, snapshot.roundId),
            [COUNTY_INDEX.sort]: scope.townshipId,
            entity: 'rollStatistics',
            ...snapshot,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR chainSeq <= :seq',
          ExpressionAttributeValues: { ':seq': snapshot.chainSeq },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async listForCounty(scope: CountyScope, roundId: string): Promise<StatisticsSnapshot[]> {
    const items = await queryAll(this.doc, this.tableName, { index: COUNTY_INDEX, partition: countyPartition(scope.countyId, roundId) });
    return items.map((item) => stripKeys<StatisticsSnapshot>(item));
  }
}
