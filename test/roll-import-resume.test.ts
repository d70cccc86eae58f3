/**
 * A crash mid-import (issue 4): the run stops after some chunks — as a killed process would,
 * its lease still held — and a later run continues from the checkpoint, with nothing lost and
 * nothing registered twice. Runs the import runner directly against DynamoDB Local.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { rollKeys, townshipScope, type DistrictRecord, type ImportRecord } from '@township/store';
import type { UploadStore } from '../functions/voter-import/files';
import { runImport, type ImportJob } from '../functions/voter-import/runner';
import { freshCountyId, mutation, round, testStore } from '../packages/store/test/support';
import { rollCsv } from './support/roll-data';

const store = testStore();
process.env.PERSON_KEY_SECRET ??= randomBytes(32).toString('hex');

const countyId = freshCountyId();
const townshipId = `${countyId}101`;
const scope = townshipScope(countyId, townshipId);
const roundId = uuidv7();
const csv = Buffer.from(rollCsv({ region: '670001', rows: 2600, districts: ['d1', 'd2'], badEvery: 50 }));
const files: UploadStore = { open: async () => Readable.from([csv.subarray(0, 7000), csv.subarray(7000)]), target: async () => { throw new Error('unused'); } };

beforeAll(async () => {
  const at = new Date().toISOString();
  const actor = { sub: 'u', name: '测试', role: 'township_officer' };
  const county = { kind: 'county', countyId } as const;
  await store.commit(mutation(), [store.rounds.write(county as never, round(countyId, roundId, { settings: { voterListDaysBefore: 20, objectionFilingDays: 5, objectionDecisionDays: 3, nomineeListDaysBefore: 15, candidateListDaysBefore: 7, courtDeadlineDaysBefore: 5, runoffWithinDays: 15, lateRegistrationDaysBefore: null, deviationTolerancePct: 20 } }), { kind: 'absent' })], []);
  await store.commit(
    mutation(),
    [
      store.townships.write(scope, { id: townshipId, countyId, name: '复原镇', kind: 'town', population: { registered: 1, resident: 1 }, officers: [], version: 1, createdAt: at, updatedAt: at, createdBy: actor }, { kind: 'absent' }),
      ...['d1', 'd2'].map((id) => {
        const d: DistrictRecord = { id, roundId, townshipId, name: `${id}选区`, area: '', population: 1000, seats: 1, pollingStations: [], officers: [], version: 1, createdAt: at, updatedAt: at, createdBy: actor };
        return store.districts.write(scope, d, { kind: 'absent' });
      }),
    ],
    [],
  );
});

async function queuedImport(): Promise<ImportJob> {
  const at = new Date().toISOString();
  const id = uuidv7();
  const record: ImportRecord = {
    id, roundId, townshipId, fileName: 'r.csv', format: 'csv', status: 'queued', uploadKey: `${countyId}/${townshipId}/${roundId}/${id}`,
    checkpoint: 0, chunks: 0, rowsRead: 0, registered: 0, invalid: 0, conflicts: 0, alreadyRegistered: 0,
    version: 1, createdAt: at, updatedAt: at, createdBy: { sub: 'u', name: '测试', role: 'township_officer' },
  };
  await store.commit(mutation(), [store.voterImports.write(scope, record, { kind: 'absent' })], []);
  return { countyId, townshipId, roundId, importId: id };
}

async function votersIn(district: string) {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const r = await store.doc.send(new QueryCommand({ TableName: store.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': rollKeys.voterPartition(scope, roundId, district) }, Select: 'COUNT', ExclusiveStartKey }));
    count += r.Count ?? 0;
    ExclusiveStartKey = r.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

describe('an import stopped mid-way resumes from its checkpoint', () => {
  it('loses nothing and registers nothing twice', async () => {
    const job = await queuedImport();
    let clock = Date.now();
    const now = () => new Date(clock);
    expect(await runImport(store, files, job, { owner: 'first', chunkRows: 500, stopAfterChunks: 2, now })).toBe('paused');
    let record = (await store.voterImports.get(scope, roundId, job.importId))!;
    expect(record).toMatchObject({ status: 'running', checkpoint: 1000, chunks: 2, rowsRead: 1000 });

    // A second runner while the first one's lease holds: refused, nothing done.
    await store.commit(mutation(), [store.voterImports.write(scope, { ...record, lease: { owner: 'first', until: new Date(clock + 60_000).toISOString() }, version: record.version + 1 }, { kind: 'version', version: record.version })], []);
    expect(await runImport(store, files, job, { owner: 'second', chunkRows: 500, now })).toBe('busy');

    // The first runner "crashed": its lease runs out, the next run takes over and finishes.
    clock += 120_000;
    expect(await runImport(store, files, job, { owner: 'second', chunkRows: 500, now })).toBe('done');
    record = (await store.voterImports.get(scope, roundId, job.importId))!;
    expect(record).toMatchObject({ status: 'done', rowsRead: 2600, registered: 2548, invalid: 52, chunks: 6 });
    expect((await votersIn('d1')) + (await votersIn('d2'))).toBe(2548);
    expect((await store.voterImports.report(scope, job.importId, { limit: 500 })).items).toHaveLength(52);
    expect(await store.audit.verify(scope)).toMatchObject({ valid: true });
  });

  it('re-runs a chunk whose checkpoint was never written without duplicating anything', async () => {
    // The same file in a new import: its content claim names the first import → duplicate.
    const job = await queuedImport();
    expect(await runImport(store, files, job, { chunkRows: 500 })).toBe('duplicate');
    // A chunk written but not checkpointed: run the first import's chunk again by rewinding it.
    const done = (await store.voterImports.page(scope, roundId, { limit: 5 })).items.find((r) => r.status === 'done')!;
    const rewound = { ...done, status: 'running' as const, checkpoint: 2000, rowsRead: 2000, registered: done.registered - 588, invalid: done.invalid - 12, chunks: 4, version: done.version + 1 };
    await store.commit(mutation(), [store.voterImports.write(scope, rewound, { kind: 'version', version: done.version })], []);
    expect(await runImport(store, files, { ...job, importId: done.id }, { chunkRows: 500 })).toBe('done');
    const after = (await store.voterImports.get(scope, roundId, done.id))!;
    expect(after).toMatchObject({ registered: 2548, invalid: 52, alreadyRegistered: 0 });
    expect((await votersIn('d1')) + (await votersIn('d2'))).toBe(2548);
  });
});

describe('imports whose runner died resume by themselves (the local sweep; the queue in AWS)', () => {
  it('lists the import while it runs, leaves it while its lease holds, resumes it once the lease ran out, and lists it no more when done', async () => {
    const { resumeStalledImports } = await import('../functions/voter-import/sweep');
    // Another file (new content: a new import, not a duplicate of the first describe's).
    const other = Buffer.from(rollCsv({ region: '670002', rows: 1200, districts: ['d1', 'd2'] }));
    const otherFiles: UploadStore = { open: async () => Readable.from([other]), target: async () => { throw new Error('unused'); } };
    const job = await queuedImport();
    let clock = Date.now();
    const now = () => new Date(clock);
    expect(await runImport(store, otherFiles, job, { owner: 'died', chunkRows: 500, stopAfterChunks: 1, now })).toBe('paused');
    // The runner "died" holding its lease.
    const record = (await store.voterImports.get(scope, roundId, job.importId))!;
    await store.commit(mutation(), [store.voterImports.write(scope, { ...record, lease: { owner: 'died', until: new Date(clock + 120_000).toISOString() }, version: record.version + 1 }, { kind: 'version', version: record.version })], []);
    expect((await store.voterImports.listActive()).map((r) => r.id)).toContain(job.importId);

    const dispatched: ImportJob[] = [];
    const dispatch = async (j: ImportJob) => void dispatched.push(j);
    expect(await resumeStalledImports(store, now(), dispatch)).toEqual([]);
    clock += 121_000;
    const resumed = await resumeStalledImports(store, now(), dispatch);
    expect(resumed).toContainEqual(job);
    expect(await runImport(store, otherFiles, dispatched.find((j) => j.importId === job.importId)!, { owner: 'sweeper', chunkRows: 500, now })).toBe('done');
    expect((await store.voterImports.get(scope, roundId, job.importId))!).toMatchObject({ status: 'done', rowsRead: 1200, registered: 1200 });
    expect((await store.voterImports.listActive()).map((r) => r.id)).not.toContain(job.importId);
  });
});
