/**
 * Voters (选民), the county-wide person records and the conflicts between townships.
 *
 * One district per person across the county (EL 5, ZJ 26): registering someone first claims the
 * person record `COUNTY#<cid>#PERSON#<keyed hash>` with a conditional put. The claim fails when
 * another registration holds it, and the failure returns the holder's township and district names
 * — never its roll. The claim is idempotent for the same source and row, so that a chunk of an
 * import that is run again after a crash claims nothing twice.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WriteOp } from './commit';
import { stripKeys } from './keys';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from './pagination';
import { rollKeys } from './roll-keys';
import type { ConflictRecord, PersonRecord, VoterRecord } from './roll-records';
import type { CountyScope, TownshipScope } from './scope';
import { COUNTY_INDEX } from './table';

export type Claim = { claimed: true } | { claimed: false; holder: PersonRecord };

export interface VoterFilter {
  /** Part of the name (包含). */
  name?: string;
  /** The first 6 characters of the resident ID (shown in the masked form). */
  maskedHead?: string;
  /** The last 4 characters. */
  maskedTail?: string;
  status?: string;
}

export class VoterRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(scope: TownshipScope, roundId: string, districtId: string, voterId: string): Promise<VoterRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: rollKeys.voter(scope, roundId, districtId, voterId), ConsistentRead: true }),
    );
    return Item ? stripKeys<VoterRecord>(Item) : undefined;
  }

  /** Whether the district has any voter (of any status). */
  async any(scope: TownshipScope, roundId: string, districtId: string): Promise<boolean> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': rollKeys.voterPartition(scope, roundId, districtId) },
        Limit: 1,
      }),
    );
    return (r.Items ?? []).length > 0;
  }

  /**
   * One district's voters, filtered. A filter is applied after the read, so a read covers
   * `readLimit` items (default `limit`) and may find fewer than `limit`; more are cut at `limit`
   * with the cursor after the last one returned.
   */
  async page(
    scope: TownshipScope,
    roundId: string,
    districtId: string,
    filter: VoterFilter,
    page: PageRequest,
    readLimit?: number,
  ): Promise<Page<VoterRecord>> {
    const limit = page.limit ?? 50;
    const pk = rollKeys.voterPartition(scope, roundId, districtId);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':p': pk, ':s': rollKeys.voterPrefix };
    const conditions: string[] = [];
    if (filter.name) {
      names['#name'] = 'name';
      values[':name'] = filter.name;
      conditions.push('contains(#name, :name)');
    }
    if (filter.maskedHead || filter.maskedTail) names['#masked'] = 'maskedId';
    if (filter.maskedHead) {
      values[':head'] = filter.maskedHead;
      conditions.push('begins_with(#masked, :head)');
    }
    if (filter.maskedTail) {
      values[':tail'] = filter.maskedTail;
      conditions.push('contains(#masked, :tail)');
    }
    if (filter.status) {
      names['#status'] = 'status';
      values[':status'] = filter.status;
      conditions.push('#status = :status');
    }
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        Limit: Math.max(limit, readLimit ?? limit),
        ExclusiveStartKey: decodeCursor(page.cursor, { attribute: 'pk', value: pk }),
      }),
    );
    const found = r.Items ?? [];
    const items = found.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = found.length > limit && last ? encodeCursor({ pk: last.pk, sk: last.sk }) : encodeCursor(r.LastEvaluatedKey);
    return { items: items.map((item) => stripKeys<VoterRecord>(item)), ...(nextCursor ? { nextCursor } : {}) };
  }

  /** Calls `fn` with every voter of a district, reading only `attributes` (for statistics). */
  async forEach(scope: TownshipScope, roundId: string, districtId: string, attributes: readonly string[], fn: (voter: Record<string, unknown>) => void): Promise<void> {
    const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const r = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': rollKeys.voterPartition(scope, roundId, districtId) },
          ProjectionExpression: Object.keys(names).join(', '),
          ExpressionAttributeNames: names,
          ExclusiveStartKey,
        }),
      );
      for (const item of r.Items ?? []) fn(item);
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  /** The item of a voter, keys included, for a batch or a transaction. */
  item(scope: TownshipScope, voter: VoterRecord): Record<string, unknown> {
    return { ...rollKeys.voter(scope, voter.roundId, voter.districtId, voter.id), entity: 'voter', ...voter };
  }

  write(scope: TownshipScope, voter: VoterRecord, expect: WriteOp['expect']): WriteOp {
    return { item: this.item(scope, voter), expect, describe: `voter ${voter.id}` };
  }

  async person(scope: TownshipScope | CountyScope, roundId: string, personKey: string): Promise<PersonRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: rollKeys.person(scope, roundId, personKey), ConsistentRead: true }),
    );
    return Item ? stripKeys<PersonRecord>(Item) : undefined;
  }

  personItem(scope: TownshipScope | CountyScope, personKey: string, person: PersonRecord): Record<string, unknown> {
    return { ...rollKeys.person(scope, person.roundId, personKey), entity: 'person', ...person };
  }

  /**
   * Claims the person for this registration. Succeeds when no one holds it, or when this very
   * source and row already do (a re-run); otherwise answers who holds it.
   */
  async claim(scope: TownshipScope, personKey: string, person: PersonRecord): Promise<Claim> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.personItem(scope, personKey, person),
          ConditionExpression: 'attribute_not_exists(pk) OR (#source = :source AND #row = :row)',
          ExpressionAttributeNames: { '#source': 'source', '#row': 'row' },
          ExpressionAttributeValues: { ':source': person.source, ':row': person.row },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const holder = error.Item
        ? stripKeys<PersonRecord>(unmarshallPerson(error.Item))
        : await this.person(scope, person.roundId, personKey);
      if (!holder) return this.claim(scope, personKey, person); // released in between: try again
      return { claimed: false, holder };
    }
  }

  conflictItem(scope: TownshipScope, conflict: ConflictRecord): Record<string, unknown> {
    return {
      ...rollKeys.conflict(scope, conflict.roundId, conflict.personKey),
      entity: 'conflict',
      [COUNTY_INDEX.partition]: rollKeys.countyConflicts(scope, conflict.roundId),
      [COUNTY_INDEX.sort]: `${scope.townshipId}#${conflict.personKey}`,
      ...conflict,
    };
  }

  async conflict(scope: TownshipScope, roundId: string, personKey: string): Promise<ConflictRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: rollKeys.conflict(scope, roundId, personKey), ConsistentRead: true }),
    );
    return Item ? stripKeys<ConflictRecord>(Item) : undefined;
  }

  conflictsOfTownship(scope: TownshipScope, roundId: string, page: PageRequest): Promise<Page<ConflictRecord>> {
    return this.query({ pk: rollKeys.conflict(scope, roundId, '0'.repeat(64)).pk, skPrefix: rollKeys.conflictPrefix(roundId) }, page);
  }

  /** Every township's conflicts of the round, from the county index. */
  conflictsOfCounty(scope: CountyScope, roundId: string, page: PageRequest): Promise<Page<ConflictRecord>> {
    return this.query({ index: true, pk: rollKeys.countyConflicts(scope, roundId) }, page);
  }

  private async query<T>(q: { index?: boolean; pk: string; skPrefix?: string }, page: PageRequest): Promise<Page<T>> {
    const attribute = q.index ? COUNTY_INDEX.partition : 'pk';
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(q.index ? { IndexName: COUNTY_INDEX.name } : {}),
        KeyConditionExpression: q.skPrefix ? '#p = :p AND begins_with(sk, :s)' : '#p = :p',
        ExpressionAttributeNames: { '#p': attribute },
        ExpressionAttributeValues: { ':p': q.pk, ...(q.skPrefix ? { ':s': q.skPrefix } : {}) },
        Limit: page.limit ?? 50,
        ExclusiveStartKey: decodeCursor(page.cursor, { attribute, value: q.pk }),
      }),
    );
    const nextCursor = encodeCursor(r.LastEvaluatedKey);
    return { items: (r.Items ?? []).map((item) => stripKeys<T>(item)), ...(nextCursor ? { nextCursor } : {}) };
  }
}

/** The low-level item of a failed condition, in the document form the rest of the store uses. */
function unmarshallPerson(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    const av = v as { S?: string; N?: string };
    out[k] = av.S ?? (av.N !== undefined ? Number(av.N) : v);
  }
  return out;
}
