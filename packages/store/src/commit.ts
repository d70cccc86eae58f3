/**
 * The unit of work: a change to a tenant's items, its audit events and (for an idempotent
 * request) the response to replay, written in one DynamoDB transaction — all or nothing.
 *
 * Conditions make it safe under concurrency: a create fails if the item exists, an update fails
 * if its version moved (optimistic concurrency), the audit event's seq must be free and the
 * chain head must be where we read it, the idempotency record must not exist. Contention on the
 * audit chain alone (two writers of one tenant) is retried with a fresh head; anything else is
 * reported as the typed error it is and nothing is written.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { digest, GENESIS_HASH, hashEvent, type Actor, type AuditEvent, type UnhashedEvent } from './audit';
import { AlreadyExistsError, ContentionError, IdempotencyMismatchError, VersionConflictError } from './errors';
import { keys } from './keys';
import type { TenantScope } from './scope';
import { TTL_ATTRIBUTE } from './table';

export interface Mutation {
  actor: Actor;
  requestId: string;
  /** ISO 8601 timestamp of the request. */
  at: string;
  /** Present when the request carried an `Idempotency-Key`; the record lives in `scope`. */
  idempotency?: { scope: TenantScope; operation: string; key: string; requestHash: string };
}

/** What a repeated request gets back: the first response, as it was. */
export interface Replay {
  status: number;
  body: unknown;
}

export type Expectation = { kind: 'absent' } | { kind: 'version'; version: number };

export interface WriteOp {
  /** The whole item, keys included (for a delete: its keys suffice). */
  item: Record<string, unknown>;
  expect: Expectation;
  /** Remove the item (at the expected version) instead of writing it: a voter moved between districts. */
  delete?: boolean;
  /** For messages: "round 0193…". */
  describe: string;
}

export interface AuditEntry {
  chain: TenantScope;
  action: string;
  target: string;
  summary: string;
  before: unknown;
  after: unknown;
}

/** Thrown when an identical request already ran (or won a race with this one): send `replay`. */
export class IdempotentReplay extends Error {
  constructor(readonly replay: Replay) {
    super('idempotent replay');
    this.name = 'IdempotentReplay';
  }
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** Enough for dozens of simultaneous writers of one tenant (a county registering its townships at once). */
const MAX_CHAIN_RETRIES = 25;
/** Full jitter over an exponential backoff (10 ms doubling, at most 400 ms). */
const backoff = (attempt: number) => Math.random() * Math.min(400, 10 * 2 ** attempt);

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
type Role = { kind: 'op'; op: WriteOp } | { kind: 'audit' } | { kind: 'idempotency' };

export async function commit(
  doc: DynamoDBDocumentClient,
  tableName: string,
  mutation: Mutation,
  ops: readonly WriteOp[],
  audit: readonly AuditEntry[],
  replay?: Replay,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const items: TransactItem[] = [];
    const roles: Role[] = [];
    for (const op of ops) {
      items.push(
        op.delete
          ? { Delete: { TableName: tableName, Key: { pk: op.item.pk, sk: op.item.sk }, ...conditionFor(op.expect) } }
          : { Put: { TableName: tableName, Item: op.item, ...conditionFor(op.expect) } },
      );
      roles.push({ kind: 'op', op });
    }
    for (const put of await auditPuts(doc, tableName, mutation, audit)) {
      items.push({ Put: put });
      roles.push({ kind: 'audit' });
    }
    if (mutation.idempotency && replay) {
      const { scope, operation, key, requestHash } = mutation.idempotency;
      items.push({
        Put: {
          TableName: tableName,
          Item: {
            ...keys.idempotency(scope, operation, key),
            entity: 'idempotency',
            requestHash,
            replay,
            createdAt: mutation.at,
            [TTL_ATTRIBUTE]: Math.floor(Date.parse(mutation.at) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          // An expired record may linger until TTL removes it: it no longer blocks the key.
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': Math.floor(Date.parse(mutation.at) / 1000) },
        },
      });
      roles.push({ kind: 'idempotency' });
    }

    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons
        .map((reason, i) => ({ code: reason.Code, role: roles[i] }))
        .filter((f) => f.code && f.code !== 'None');
      const idempotencyFailed = failed.find((f) => f.role?.kind === 'idempotency' && f.code === 'ConditionalCheckFailed');
      if (idempotencyFailed && mutation.idempotency) {
        const { scope, operation, key } = mutation.idempotency;
        const stored = await readIdempotency(doc, tableName, scope, operation, key, new Date(mutation.at));
        if (stored && stored.requestHash !== mutation.idempotency.requestHash) {
          throw new IdempotencyMismatchError('this Idempotency-Key was used for a different request');
        }
        if (stored) throw new IdempotentReplay(stored.replay);
      }
      const opFailed = failed.find((f) => f.role?.kind === 'op' && f.code === 'ConditionalCheckFailed');
      if (opFailed && opFailed.role?.kind === 'op') {
        const { op } = opFailed.role;
        if (op.expect.kind === 'absent') throw new AlreadyExistsError(`${op.describe} already exists`);
        throw new VersionConflictError(`${op.describe} was changed by someone else since version ${op.expect.version}`);
      }
      const retryable = failed.every((f) => f.role?.kind === 'audit' || f.code === 'TransactionConflict');
      if (retryable && attempt < MAX_CHAIN_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
        continue;
      }
      if (retryable) throw new ContentionError(`${MAX_CHAIN_RETRIES + 1} attempts met other writers of the same audit chain`);
      throw error;
    }
  }
}

function conditionFor(expect: Expectation) {
  if (expect.kind === 'absent') return { ConditionExpression: 'attribute_not_exists(pk)' };
  return {
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expect.version },
  };
}

async function auditPuts(
  doc: DynamoDBDocumentClient,
  tableName: string,
  mutation: Mutation,
  audit: readonly AuditEntry[],
) {
  const puts: Array<NonNullable<TransactItem['Put']>> = [];
  const byChain = new Map<string, AuditEntry[]>();
  for (const entry of audit) {
    const id = keys.auditHead(entry.chain).pk;
    byChain.set(id, [...(byChain.get(id) ?? []), entry]);
  }
  for (const entries of byChain.values()) {
    const chain = entries[0]!.chain;
    const head = await readHead(doc, tableName, chain);
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    for (const entry of entries) {
      seq += 1;
      const unhashed: UnhashedEvent = {
        seq,
        at: mutation.at,
        actor: mutation.actor,
        requestId: mutation.requestId,
        action: entry.action,
        target: entry.target,
        beforeDigest: digest(entry.before),
        afterDigest: digest(entry.after),
        summary: entry.summary,
        prevHash,
      };
      const event: AuditEvent = { ...unhashed, hash: hashEvent(unhashed) };
      puts.push({
        TableName: tableName,
        Item: { ...keys.auditEvent(chain, seq), entity: 'audit', ...event },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      prevHash = event.hash;
    }
    puts.push({
      TableName: tableName,
      Item: { ...keys.auditHead(chain), entity: 'auditHead', seq, hash: prevHash, updatedAt: mutation.at },
      ...(head
        ? {
            ConditionExpression: '#seq = :seq',
            ExpressionAttributeNames: { '#seq': 'seq' },
            ExpressionAttributeValues: { ':seq': head.seq },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    });
  }
  return puts;
}

export async function readHead(doc: DynamoDBDocumentClient, tableName: string, chain: TenantScope) {
  const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.auditHead(chain), ConsistentRead: true }));
  return Item as { seq: number; hash: string } | undefined;
}

export async function readIdempotency(
  doc: DynamoDBDocumentClient,
  tableName: string,
  scope: TenantScope,
  operation: string,
  key: string,
  /** The request's time (the platform's clock, which tests and demos may simulate). */
  now: Date = new Date(),
) {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tableName, Key: keys.idempotency(scope, operation, key), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  // An expired record may linger until TTL deletes it; treat it as absent.
  if (typeof Item[TTL_ATTRIBUTE] === 'number' && Item[TTL_ATTRIBUTE] * 1000 < now.getTime()) return undefined;
  return Item as { requestHash: string; replay: Replay };
}
