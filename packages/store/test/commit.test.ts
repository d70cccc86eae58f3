/** The unit of work against DynamoDB Local: conditions, idempotency, the audit chain. */
import { randomUUID } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  countyScope,
  IdempotencyMismatchError,
  IdempotentReplay,
  keys,
  VersionConflictError,
} from '../src';
import { freshCountyId, mutation, round, testStore } from './support';

const store = testStore();

describe('commit', () => {
  it('writes the item, one audit event and the chain head in one transaction', async () => {
    const scope = countyScope(freshCountyId());
    const r = round(scope.countyId, randomUUID());
    await store.commit(mutation(), [store.rounds.write(scope, r, { kind: 'absent' })], [
      { chain: scope, action: 'round.create', target: `round/${r.id}`, summary: 'open', before: null, after: r },
    ]);
    expect(await store.rounds.get(scope, r.id)).toEqual(r);
    const audit = await store.audit.page(scope, {});
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ seq: 1, action: 'round.create', beforeDigest: null });
    expect(await store.audit.verify(scope)).toMatchObject({ valid: true, events: 1, headSeq: 1 });
  });

  it('refuses to create what exists, and writes nothing', async () => {
    const scope = countyScope(freshCountyId());
    const r = round(scope.countyId, randomUUID());
    const create = () =>
      store.commit(mutation(), [store.rounds.write(scope, r, { kind: 'absent' })], [
        { chain: scope, action: 'round.create', target: r.id, summary: 'open', before: null, after: r },
      ]);
    await create();
    await expect(create()).rejects.toBeInstanceOf(AlreadyExistsError);
    expect((await store.audit.verify(scope)).headSeq).toBe(1);
  });

  it('a stale version is a conflict and changes nothing (optimistic concurrency)', async () => {
    const scope = countyScope(freshCountyId());
    const r = round(scope.countyId, randomUUID());
    await store.commit(mutation(), [store.rounds.write(scope, r, { kind: 'absent' })], [
      { chain: scope, action: 'create', target: r.id, summary: '', before: null, after: r },
    ]);
    const v2 = { ...r, name: 'v2', version: 2 };
    await store.commit(mutation(), [store.rounds.write(scope, v2, { kind: 'version', version: 1 })], [
      { chain: scope, action: 'update', target: r.id, summary: '', before: r, after: v2 },
    ]);
    const stale = { ...r, name: 'stale', version: 2 };
    await expect(
      store.commit(mutation(), [store.rounds.write(scope, stale, { kind: 'version', version: 1 })], [
        { chain: scope, action: 'update', target: r.id, summary: '', before: r, after: stale },
      ]),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.rounds.get(scope, r.id))?.name).toBe('v2');
    expect((await store.audit.verify(scope)).headSeq).toBe(2);
  });

  it('concurrent updates from the same version: exactly one wins', async () => {
    const scope = countyScope(freshCountyId());
    const r = round(scope.countyId, randomUUID());
    await store.commit(mutation(), [store.rounds.write(scope, r, { kind: 'absent' })], [
      { chain: scope, action: 'create', target: r.id, summary: '', before: null, after: r },
    ]);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => {
        const next = { ...r, name: `writer ${i}`, version: 2 };
        return store.commit(mutation(), [store.rounds.write(scope, next, { kind: 'version', version: 1 })], [
          { chain: scope, action: 'update', target: r.id, summary: `writer ${i}`, before: r, after: next },
        ]);
      }),
    );
    const won = results.filter((x) => x.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of results.filter((x) => x.status === 'rejected')) {
      expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    }
    expect(await store.audit.verify(scope)).toMatchObject({ valid: true, headSeq: 2 });
  });

  it('many writers of one tenant keep one unbroken chain (48 at once, as a county registering its townships)', async () => {
    const scope = countyScope(freshCountyId());
    await Promise.all(
      Array.from({ length: 48 }, () => {
        const r = round(scope.countyId, randomUUID());
        return store.commit(mutation(), [store.rounds.write(scope, r, { kind: 'absent' })], [
          { chain: scope, action: 'create', target: r.id, summary: '', before: null, after: r },
        ]);
      }),
    );
    expect(await store.audit.verify(scope)).toMatchObject({ valid: true, events: 48, headSeq: 48 });
    expect((await store.rounds.list(scope, { limit: 200 })).items).toHaveLength(48);
  });

  it('an idempotent retry replays the first response and writes nothing new', async () => {
    const scope = countyScope(freshCountyId());
    const idempotency = { scope, operation: 'createRound', key: 'k-1', requestHash: 'h1' };
    const r = round(scope.countyId, randomUUID());
    const first = mutation({ idempotency });
    await store.commit(first, [store.rounds.write(scope, r, { kind: 'absent' })], [
      { chain: scope, action: 'create', target: r.id, summary: '', before: null, after: r },
    ], { status: 201, body: { id: r.id } });

    // The retry builds a different round (a new id), as a retried request would.
    const again = round(scope.countyId, randomUUID());
    const retry = store.commit(mutation({ idempotency }), [store.rounds.write(scope, again, { kind: 'absent' })], [
      { chain: scope, action: 'create', target: again.id, summary: '', before: null, after: again },
    ], { status: 201, body: { id: again.id } });
    await expect(retry).rejects.toBeInstanceOf(IdempotentReplay);
    await retry.catch((e: IdempotentReplay) => expect(e.replay).toEqual({ status: 201, body: { id: r.id } }));
    expect(await store.rounds.get(scope, again.id)).toBeUndefined();
    expect((await store.audit.verify(scope)).headSeq).toBe(1);

    const other = store.commit(mutation({ idempotency: { ...idempotency, requestHash: 'h2' } }), [
      store.rounds.write(scope, round(scope.countyId, randomUUID()), { kind: 'absent' }),
    ], [{ chain: scope, action: 'create', target: 'x', summary: '', before: null, after: {} }], { status: 201, body: {} });
    await expect(other).rejects.toBeInstanceOf(IdempotencyMismatchError);
  });
});

describe('audit chain verification', () => {
  async function chainOf(n: number) {
    const scope = countyScope(freshCountyId());
    for (let i = 0; i < n; i++) {
      const r = round(scope.countyId, randomUUID());
      await store.commit(mutation(), [store.rounds.write(scope, r, { kind: 'absent' })], [
        { chain: scope, action: 'create', target: r.id, summary: `event ${i + 1}`, before: null, after: r },
      ]);
    }
    return scope;
  }

  it('detects an altered event', async () => {
    const scope = await chainOf(3);
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.auditEvent(scope, 2),
        UpdateExpression: 'SET summary = :s',
        ExpressionAttributeValues: { ':s': 'nothing happened' },
      }),
    );
    const result = await store.audit.verify(scope);
    expect(result.valid).toBe(false);
    expect(result.problems).toContainEqual({ seq: 2, problem: 'content does not match its hash (altered)' });
  });

  it('detects a deleted event in the middle', async () => {
    const scope = await chainOf(3);
    await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.auditEvent(scope, 2) }));
    const result = await store.audit.verify(scope);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.seq)).toContain(2);
  });

  it('detects a deleted last event', async () => {
    const scope = await chainOf(3);
    await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.auditEvent(scope, 3) }));
    const result = await store.audit.verify(scope);
    expect(result.valid).toBe(false);
    expect(result.problems[0]?.problem).toMatch(/chain head says 3/);
  });
});
