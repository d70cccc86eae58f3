/**
 * The timeline's items: stage facts (a stage recorded done), deadlines (in the sparse due index
 * while unmet), the notifications outbox, and the state of each township's execution.
 *
 * | item               | pk                              | sk                              | due index (gsi2)                                   |
 * |--------------------|---------------------------------|---------------------------------|----------------------------------------------------|
 * | stage fact         | TOWNSHIP#<tid>                  | ROUND#<rid>#STAGE#<stage>       | —                                                  |
 * | deadline           | TOWNSHIP#<tid>                  | ROUND#<rid>#DEADLINE#<stage>    | DUE#COUNTY#<cid>, <date>#<tid>#<rid>#<stage> (unmet) |
 * | execution          | TOWNSHIP#<tid>                  | ROUND#<rid>#EXECUTION           | —                                                  |
 * | notification       | <tenant pk>#NOTIFICATION        | <scheduled at>#<id>             | —                                                  |
 *
 * The due index is partitioned by county, sorted by date: the daily digest reads "everything unmet
 * due up to a week from today" with one Query per county, overdue ones included, never a Scan.
 * A deadline leaves the index when its stage is done (its gsi2 attributes are removed).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Actor } from './audit';
import type { WriteOp } from './commit';
import { queryAll } from './query-all';
import { stripKeys, tenantPk } from './keys';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from './pagination';
import type { CountyScope, TenantScope, TownshipScope } from './scope';
import { DUE_INDEX } from './table';

export const timelineKeys = {
  stageFact: (scope: TownshipScope, roundId: string, stage: string) => ({ pk: tenantPk(scope), sk: `ROUND#${roundId}#STAGE#${stage}` }),
  stageFactPrefix: (roundId: string) => `ROUND#${roundId}#STAGE#`,
  deadline: (scope: TownshipScope, roundId: string, stage: string) => ({ pk: tenantPk(scope), sk: `ROUND#${roundId}#DEADLINE#${stage}` }),
  deadlinePrefix: (roundId: string) => `ROUND#${roundId}#DEADLINE#`,
  dueIndex: (countyId: string) => `DUE#COUNTY#${countyId}`,
  execution: (scope: TownshipScope, roundId: string) => ({ pk: tenantPk(scope), sk: `ROUND#${roundId}#EXECUTION` }),
  notifications: (scope: TenantScope) => `${tenantPk(scope)}#NOTIFICATION`,
};

/** A stage recorded done (完成): by an officer, or by the capability that does it (issue 4: publication). */
export interface StageFactRecord {
  roundId: string;
  townshipId: string;
  stage: string;
  doneOn: string;
  note: string;
  recordedAt: string;
  recordedBy: Actor;
  /** Recorded after the stage's deadline: needs the county's approval (DOMAIN.md). */
  late: boolean;
  /** The county's decision on a late completion. */
  approval?: { approved: boolean; at: string; by: Actor; note: string };
  version: number;
}

export interface DeadlineRecord {
  roundId: string;
  townshipId: string;
  countyId: string;
  stage: string;
  deadline: string;
  status: 'open' | 'done' | 'overdue';
  /** The dates' fingerprint of the round these deadlines were computed from. */
  datesKey: string;
}

export type Channel = 'sms' | 'email' | 'inbox';

/** One message of the outbox (通知): to one recipient by one channel. */
export interface NotificationRecord {
  /** Deterministic: a retried task computes the same id and cannot send twice. */
  id: string;
  kind: 'reminder' | 'escalation' | 'overdue' | 'digest';
  recipient: { name: string; address: string };
  channel: Channel;
  text: string;
  townshipId: string;
  roundId: string | null;
  /** The deadline it concerns (null for a digest). */
  concerns: { stage: string; deadline: string; daysBefore: number | null } | null;
  scheduledAt: string;
  status: 'pending' | 'sent';
  sentAt: string | null;
}

export interface ExecutionRecord {
  roundId: string;
  townshipId: string;
  /** Versioned name (`…-v<round version>`): a restart on new dates gets a new name. */
  name: string;
  /** The AWS execution ARN, or `local:<name>`. */
  executionId: string;
  datesKey: string;
  status: 'running' | 'succeeded' | 'stopped' | 'failed';
  nextWakeAt: string | null;
  lastWakeAt: string | null;
  /** While the execution waits for the county's decision: the task token the decision completes. */
  approvalToken?: string | null;
  startedAt: string;
  updatedAt: string;
}

const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

abstract class Repository {
  constructor(
    protected readonly doc: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  protected async queryAll<T>(pk: string, skPrefix: string): Promise<T[]> {
    const items = await queryAll(this.doc, this.tableName, { partition: pk, ...(skPrefix ? { skPrefix } : {}), consistent: true });
    return items.map((i) => stripKeys<T>(i));
  }
}

/** Stage facts. Writes go through `commit` (audited); `write` is the seam other capabilities use. */
export class StageFactRepository extends Repository {
  list(scope: TownshipScope, roundId: string): Promise<StageFactRecord[]> {
    return this.queryAll(tenantPk(scope), timelineKeys.stageFactPrefix(roundId));
  }

  async get(scope: TownshipScope, roundId: string, stage: string): Promise<StageFactRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: timelineKeys.stageFact(scope, roundId, stage), ConsistentRead: true }),
    );
    return Item ? stripKeys<StageFactRecord>(Item) : undefined;
  }

  /**
   * The write op recording a stage done, to commit with its audit event — e.g. issue 4's
   * publication commits `stages.write(scope, {stage: 'voterListPublication', …})` in its own
   * transaction. The deadline leaves the due index through `deadlineDone` in the same commit.
   */
  write(scope: TownshipScope, fact: StageFactRecord, expect: WriteOp['expect']): WriteOp {
    return { item: { ...timelineKeys.stageFact(scope, fact.roundId, fact.stage), entity: 'stageFact', ...fact }, expect, describe: `stage ${fact.stage}` };
  }
}

export class DeadlineRepository extends Repository {
  list(scope: TownshipScope, roundId: string): Promise<DeadlineRecord[]> {
    return this.queryAll(tenantPk(scope), timelineKeys.deadlinePrefix(roundId));
  }

  /** Writes (or rewrites, on new dates) one deadline; an unmet one is in the due index. */
  async put(scope: TownshipScope, d: DeadlineRecord): Promise<void> {
    const due =
      d.status === 'done'
        ? {}
        : { [DUE_INDEX.partition]: timelineKeys.dueIndex(d.countyId), [DUE_INDEX.sort]: `${d.deadline}#${d.townshipId}#${d.roundId}#${d.stage}` };
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { ...timelineKeys.deadline(scope, d.roundId, d.stage), entity: 'deadline', ...due, ...d } }),
    );
  }

  /** Every unmet deadline of the county due on or before `until` (overdue ones included), from the due index. */
  async dueBy(county: CountyScope, until: string): Promise<DeadlineRecord[]> {
    const out: DeadlineRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const r = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: DUE_INDEX.name,
          KeyConditionExpression: '#p = :p AND #s < :until',
          ExpressionAttributeNames: { '#p': DUE_INDEX.partition, '#s': DUE_INDEX.sort },
          // '$' sorts after '#': every key of the day `until` is included.
          ExpressionAttributeValues: { ':p': timelineKeys.dueIndex(county.countyId), ':until': `${until}$` },
          ExclusiveStartKey,
        }),
      );
      out.push(...(r.Items ?? []).map((i) => stripKeys<DeadlineRecord>(i)));
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return out;
  }
}

export class NotificationRepository extends Repository {
  private key(scope: TenantScope, n: Pick<NotificationRecord, 'id' | 'scheduledAt'>) {
    return { pk: timelineKeys.notifications(scope), sk: `${n.scheduledAt}#${n.id}` };
  }

  /**
   * Claims a notification: a conditional put of the pending item. True when this call created
   * it or it is still pending (a delivery that failed part-way is tried again: at least once);
   * false when it was already sent (a retried task must not send it twice).
   */
  async claim(scope: TenantScope, n: NotificationRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(scope, n), entity: 'notification', ...n, status: 'pending', sentAt: null },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: this.key(scope, n), ConsistentRead: true }));
      return Item?.status === 'pending';
    }
  }

  async markSent(scope: TenantScope, n: Pick<NotificationRecord, 'id' | 'scheduledAt'>, sentAt: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(scope, n),
        UpdateExpression: 'SET #st = :sent, sentAt = :at',
        ExpressionAttributeNames: { '#st': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt },
      }),
    );
  }

  /** Newest first. */
  async page(scope: TenantScope, page: PageRequest): Promise<Page<NotificationRecord>> {
    const pk = timelineKeys.notifications(scope);
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': pk },
        ScanIndexForward: false,
        Limit: page.limit ?? 50,
        ExclusiveStartKey: decodeCursor(page.cursor, { attribute: 'pk', value: pk }),
      }),
    );
    const nextCursor = encodeCursor(r.LastEvaluatedKey);
    return { items: (r.Items ?? []).map((i) => stripKeys<NotificationRecord>(i)), ...(nextCursor ? { nextCursor } : {}) };
  }

  /** Every notification of the tenant (tests, the timeline view's counts). */
  all(scope: TenantScope): Promise<NotificationRecord[]> {
    return this.queryAll(timelineKeys.notifications(scope), '');
  }
}

export class ExecutionRepository extends Repository {
  async get(scope: TownshipScope, roundId: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: timelineKeys.execution(scope, roundId), ConsistentRead: true }),
    );
    return Item ? stripKeys<ExecutionRecord>(Item) : undefined;
  }

  async put(scope: TownshipScope, e: ExecutionRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...timelineKeys.execution(scope, e.roundId), entity: 'execution', ...e } }));
  }

  /** Updates the progress of the execution named `name`; a stale execution (renamed since) changes nothing. */
  async progress(scope: TownshipScope, roundId: string, name: string, change: Partial<Pick<ExecutionRecord, 'status' | 'nextWakeAt' | 'lastWakeAt' | 'executionId' | 'approvalToken'>> & { updatedAt: string }): Promise<void> {
    const sets = Object.keys(change).map((k) => `#${k} = :${k}`);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: timelineKeys.execution(scope, roundId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#name = :name',
          ExpressionAttributeNames: { '#name': 'name', ...Object.fromEntries(Object.keys(change).map((k) => [`#${k}`, k])) },
          ExpressionAttributeValues: { ':name': name, ...Object.fromEntries(Object.entries(change).map(([k, v]) => [`:${k}`, v])) },
        }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
}
