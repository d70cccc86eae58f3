/**
 * The election store: repositories over the one table. Reads take a tenant scope; writes are
 * built as `WriteOp`s and committed together with their audit events by `commit`.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { verifyChain, type AuditEvent, type ChainVerification } from './audit';
import { createDocumentClient } from './client';
import { commit, readHead, readIdempotency, type AuditEntry, type Mutation, type Replay, type WriteOp } from './commit';
import { keys, stripKeys } from './keys';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from './pagination';
import type { ApportionmentRecord, RoundRecord, TownshipRecord } from './records';
import type { CountyScope, TenantScope, TownshipScope } from './scope';
import { COUNTY_INDEX } from './table';
import { DeadlineRepository, ExecutionRepository, NotificationRepository, StageFactRepository } from './timeline';
import { DistrictRepository, DivisionRepository, ImportRepository, VoterRepository } from './roll-repositories';
import { PublicationRepository } from './publications';
import { RollStatisticsRepository } from './roll-statistics';
import { ObjectionRepository } from './objections';

const DEFAULT_LIMIT = 50;

export class ElectionStore {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** From `TABLE_NAME` (and `DYNAMODB_ENDPOINT` locally). */
  static fromEnv(): ElectionStore {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    return new ElectionStore(createDocumentClient(), tableName);
  }

  commit(mutation: Mutation, ops: readonly WriteOp[], audit: readonly AuditEntry[], replay?: Replay) {
    return commit(this.doc, this.tableName, mutation, ops, audit, replay);
  }

  private async get<T>(key: { pk: string; sk: string }, consistent = true): Promise<T | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }));
    return Item ? stripKeys<T>(Item) : undefined;
  }

  private async queryPage<T>(
    input: { index?: string; partitionAttribute: string; partition: string; skPrefix?: string; skAttribute?: string },
    page: PageRequest,
    newestFirst = false,
  ): Promise<Page<T>> {
    const skAttribute = input.skAttribute ?? 'sk';
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(input.index ? { IndexName: input.index } : {}),
        KeyConditionExpression: input.skPrefix ? '#p = :p AND begins_with(#s, :s)' : '#p = :p',
        ExpressionAttributeNames: { '#p': input.partitionAttribute, ...(input.skPrefix ? { '#s': skAttribute } : {}) },
        ExpressionAttributeValues: { ':p': input.partition, ...(input.skPrefix ? { ':s': input.skPrefix } : {}) },
        ScanIndexForward: !newestFirst,
        Limit: page.limit ?? DEFAULT_LIMIT,
        ExclusiveStartKey: decodeCursor(page.cursor, { attribute: input.partitionAttribute, value: input.partition }),
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return {
      items: (result.Items ?? []).map((item) => stripKeys<T>(item)),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  readonly rounds = {
    get: (scope: CountyScope, roundId: string) => this.get<RoundRecord>(keys.round(scope, roundId)),
    /** Newest first: round ids are UUID v7, ordered by creation time. */
    list: (scope: CountyScope, page: PageRequest) =>
      this.queryPage<RoundRecord>({ partitionAttribute: 'pk', partition: keys.round(scope, '').pk, skPrefix: keys.roundPrefix }, page, true),
    write: (scope: CountyScope, round: RoundRecord, expect: WriteOp['expect']): WriteOp => ({
      item: { ...keys.round(scope, round.id), entity: 'round', ...round },
      expect,
      describe: `round ${round.id}`,
    }),
  };

  readonly townships = {
    /** The township, if it exists and belongs to the scope's county. */
    get: async (scope: TownshipScope) => {
      const township = await this.get<TownshipRecord>(keys.townshipProfile(scope));
      return township && township.countyId === scope.countyId ? township : undefined;
    },
    /** From the county index (eventually consistent, like every GSI read). */
    list: (scope: CountyScope, page: PageRequest) =>
      this.queryPage<TownshipRecord>(
        { index: COUNTY_INDEX.name, partitionAttribute: COUNTY_INDEX.partition, partition: keys.countyTownships(scope) },
        page,
      ),
    /** Every township of the county, following the index's pages. */
    all: async (scope: CountyScope) => {
      const all: TownshipRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.townships.list(scope, { limit: 200, ...(cursor ? { cursor } : {}) });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
    write: (scope: TownshipScope, township: TownshipRecord, expect: WriteOp['expect']): WriteOp => ({
      item: {
        ...keys.townshipProfile(scope),
        entity: 'township',
        [COUNTY_INDEX.partition]: keys.countyTownships(scope),
        [COUNTY_INDEX.sort]: township.id,
        ...township,
      },
      expect,
      describe: `township ${township.id}`,
    }),
  };

  readonly apportionments = {
    get: (scope: CountyScope, roundId: string) => this.get<ApportionmentRecord>(keys.apportionment(scope, roundId)),
    write: (scope: CountyScope, record: ApportionmentRecord, expect: WriteOp['expect']): WriteOp => ({
      item: { ...keys.apportionment(scope, record.roundId), entity: 'apportionment', ...record },
      expect,
      describe: `the apportionment of round ${record.roundId}`,
    }),
  };

  readonly audit = {
    /** The chain's head (its last event's seq and hash); undefined before the first event. */
    head: (scope: TenantScope) => readHead(this.doc, this.tableName, scope),
    /** Newest first. */
    page: (scope: TenantScope, page: PageRequest) =>
      this.queryPage<AuditEvent>(
        { partitionAttribute: 'pk', partition: keys.auditHead(scope).pk, skPrefix: keys.auditEventPrefix },
        page,
        true,
      ),
    /** Reads the whole chain and checks it against its head. Cost grows with the chain. */
    verify: async (scope: TenantScope): Promise<ChainVerification> => {
      const [head, events] = await Promise.all([readHead(this.doc, this.tableName, scope), this.allEvents(scope)]);
      return verifyChain(events, head);
    },
  };

  // issue 3 (timeline): its repositories go on the lines below this one (one line each: `readonly x = new XRepository(this.doc, this.tableName);`)
  get stages() { return new StageFactRepository(this.doc, this.tableName); }
  get deadlines() { return new DeadlineRepository(this.doc, this.tableName); }
  get notifications() { return new NotificationRepository(this.doc, this.tableName); }
  get executions() { return new ExecutionRepository(this.doc, this.tableName); }
  // issue 4 (voter roll): its repositories go on the lines below this one (same form)
  get districts() { return new DistrictRepository(this.doc, this.tableName); }
  get divisions() { return new DivisionRepository(this.doc, this.tableName); }
  get voters() { return new VoterRepository(this.doc, this.tableName); }
  get voterImports() { return new ImportRepository(this.doc, this.tableName); }
  // issue 4 publication & objections: its repositories go on the lines below this one (same form)
  get publications() { return new PublicationRepository(this.doc, this.tableName); }
  get objections() { return new ObjectionRepository(this.doc, this.tableName); }
  // issue 4 AWS import path & county statistics: its repositories go on the lines below this one (same form)
  get rollStatistics() { return new RollStatisticsRepository(this.doc, this.tableName); }

  readonly idempotency = {
    get: (scope: TenantScope, operation: string, key: string, now?: Date) =>
      readIdempotency(this.doc, this.tableName, scope, operation, key, now),
  };

  private async allEvents(scope: TenantScope): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const result = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':p': keys.auditHead(scope).pk, ':s': keys.auditEventPrefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      events.push(...(result.Items ?? []).map((item) => stripKeys<AuditEvent>(item)));
      ExclusiveStartKey = result.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return events;
  }
}
