/**
 * Runs an import in chunks, each ending with a checkpoint: a crash or restart loses at most the
 * chunk under way, which the next run does again (idempotently, see `chunk.ts`). A lease in the
 * import record keeps two runners from working on one import; the version condition on each
 * checkpoint fences a runner whose lease was taken over. In AWS a run stops before its Lambda's
 * time is up (`deadline`) and is continued by the next invocation from its checkpoint.
 *
 * Pass 1 reads the whole file once without writing: its SHA-256 (the same content is never
 * registered twice) and its structure (header, encoding, garbage) — a file that cannot be read
 * as a roll fails here with its reason, before a single voter is registered. Pass 2 registers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { todayIn } from '@township/domain';
import {
  countyOf,
  townshipScope,
  VersionConflictError,
  type ElectionStore,
  type ImportRecord,
  type Mutation,
} from '@township/store';
import { processChunk, type ChunkContext } from './chunk';
import type { UploadStore } from './files';
import { FileProblem, readRows, type DataRow } from './read-rows';

export interface ImportJob {
  countyId: string;
  townshipId: string;
  roundId: string;
  importId: string;
}

export interface RunOptions {
  /** Who runs it (for the lease). */
  owner?: string;
  chunkRows?: number;
  leaseSeconds?: number;
  /** Stop (leaving the checkpoint) after this many chunks: for tests of a crash mid-import. */
  stopAfterChunks?: number;
  /** Epoch ms: stop at the first checkpoint after it (a Lambda's remaining time). */
  deadline?: number;
  now?: () => Date;
}

export type RunResult = 'done' | 'failed' | 'duplicate' | 'paused' | 'busy' | 'not-found' | 'awaiting-upload';

const SYSTEM_ACTOR = { sub: 'system:voter-import', name: '选民导入', role: 'system' };

export async function runImport(store: ElectionStore, files: UploadStore, job: ImportJob, options: RunOptions = {}): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? randomUUID();
  const chunkRows = options.chunkRows ?? 1000;
  const leaseMs = (options.leaseSeconds ?? 120) * 1000;
  const scope = townshipScope(job.countyId, job.townshipId);
  let record = await store.voterImports.get(scope, job.roundId, job.importId);
  if (!record) return 'not-found';
  if (record.status === 'done' || record.status === 'failed' || record.status === 'duplicate') return record.status;
  if (record.status === 'awaiting-upload') return 'awaiting-upload';
  if (record.lease && record.lease.owner !== owner && Date.parse(record.lease.until) > now().getTime()) return 'busy';

  const mutation = (): Mutation => ({ actor: SYSTEM_ACTOR, requestId: `import-${job.importId}`, at: now().toISOString() });
  /** Writes the record's next version (with an optional audit event); false when fenced off. */
  const save = async (next: Omit<ImportRecord, 'version' | 'updatedAt'>, audit?: { action: string; summary: string }): Promise<boolean> => {
    const m = mutation();
    const updated: ImportRecord = { ...next, version: record!.version + 1, updatedAt: m.at };
    try {
      await store.commit(
        m,
        [store.voterImports.write(scope, updated, { kind: 'version', version: record!.version })],
        audit ? [{ chain: scope, action: audit.action, target: `round/${job.roundId}/import/${job.importId}`, summary: audit.summary, before: null, after: countsOf(updated) }] : [],
      );
      record = updated;
      return true;
    } catch (error) {
      if (error instanceof VersionConflictError) return false;
      throw error;
    }
  };
  const lease = () => ({ owner, until: new Date(now().getTime() + leaseMs).toISOString() });

  if (!(await save({ ...record, status: 'running', lease: lease(), startedAt: record.startedAt ?? now().toISOString() }))) return 'busy';

  const county = countyOf(scope);
  const [round, township, districts] = await Promise.all([
    store.rounds.get(county, job.roundId),
    store.townships.get(scope),
    store.districts.list(scope, job.roundId),
  ]);
  if (!round || !township) {
    await save({ ...record, status: 'failed', error: 'the round or the township no longer exists' });
    return 'failed';
  }

  if (!record.sha256) {
    const checked = await firstPass(files, record);
    if (!checked.ok) {
      await store.voterImports.writeReport(scope, record.id, [{ row: 0, field: 'file', reason: checked.reason, kind: 'invalid' }]);
      await save({ ...record, status: 'failed', error: checked.reason, finishedAt: now().toISOString() }, { action: 'voters.import.fail', summary: `导入失败：${checked.reason}` });
      return 'failed';
    }
    const owner = await store.voterImports.claimContent(scope, job.roundId, checked.sha256, record.id);
    if (owner !== record.id) {
      await save(
        { ...record, sha256: checked.sha256, status: 'duplicate', duplicateOf: owner, finishedAt: now().toISOString() },
        { action: 'voters.import.duplicate', summary: `文件内容与导入 ${owner} 相同：未重复登记` },
      );
      return 'duplicate';
    }
    if (!(await save({ ...record, sha256: checked.sha256, totalRows: checked.rows, lease: lease() }))) return 'busy';
  }

  const ctx: ChunkContext = {
    scope,
    roundId: job.roundId,
    importId: record.id,
    townshipName: township.name,
    districts: new Map(districts.flatMap((d) => [[d.id, d] as const, [d.name, d] as const])),
    districtNames: new Map(districts.map((d) => [d.id, d.name])),
    electionDay: round.electionDay,
    today: todayIn(round.timeZone, now()),
    at: now().toISOString(),
  };

  let chunks = 0;
  let pending: DataRow[] = [];
  const flush = async (): Promise<boolean> => {
    if (pending.length === 0) return true;
    const rows = pending;
    pending = [];
    const added = await processChunk(store, ctx, rows);
    const last = rows[rows.length - 1]!.row;
    const next = {
      ...record!,
      checkpoint: last,
      chunks: record!.chunks + 1,
      rowsRead: record!.rowsRead + rows.length,
      registered: record!.registered + added.registered,
      invalid: record!.invalid + added.invalid,
      conflicts: record!.conflicts + added.conflicts,
      alreadyRegistered: record!.alreadyRegistered + added.alreadyRegistered,
      lease: lease(),
    };
    const summary = `导入第 ${rows[0]!.row}–${last} 行：登记 ${added.registered}，无效 ${added.invalid}，他乡镇已登记 ${added.conflicts}，本乡镇已登记 ${added.alreadyRegistered}`;
    if (!(await save(next, { action: 'voters.import.chunk', summary }))) return false;
    chunks += 1;
    return true;
  };

  const input = await files.open(record.uploadKey);
  try {
    for await (const data of readRows(input, record.format)) {
      if (data.row <= record.checkpoint) continue;
      pending.push(data);
      if (pending.length < chunkRows) continue;
      if (!(await flush())) return 'busy';
      if ((options.stopAfterChunks !== undefined && chunks >= options.stopAfterChunks) || (options.deadline !== undefined && Date.now() > options.deadline)) {
        await save({ ...record, lease: { owner, until: now().toISOString() } });
        return 'paused';
      }
    }
    if (!(await flush())) return 'busy';
  } catch (error) {
    // Pass 1 read this very file: a failure now is the storage's, not the file's. Leave the
    // checkpoint for the next run.
    if (!(error instanceof FileProblem)) throw error;
    await save({ ...record, status: 'failed', error: error.message, finishedAt: now().toISOString() }, { action: 'voters.import.fail', summary: `导入中止：${error.message}` });
    return 'failed';
  } finally {
    input.destroy();
  }
  const { lease: _lease, ...rest } = record;
  await save(
    { ...rest, status: 'done', finishedAt: now().toISOString() },
    { action: 'voters.import.done', summary: `导入完成：${record.rowsRead} 行，登记 ${record.registered}，无效 ${record.invalid}，他乡镇已登记 ${record.conflicts}，本乡镇已登记 ${record.alreadyRegistered}` },
  );
  return 'done';
}

const countsOf = (r: ImportRecord) => ({
  checkpoint: r.checkpoint,
  rowsRead: r.rowsRead,
  registered: r.registered,
  invalid: r.invalid,
  conflicts: r.conflicts,
  alreadyRegistered: r.alreadyRegistered,
  status: r.status,
});

async function firstPass(files: UploadStore, record: ImportRecord): Promise<{ ok: true; sha256: string; rows: number } | { ok: false; reason: string }> {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const input = await files.open(record.uploadKey);
  let rows = 0;
  try {
    input.on('error', (error) => tap.destroy(error));
    for await (const _row of readRows(input.pipe(tap), record.format)) rows += 1;
  } catch (error) {
    if (error instanceof FileProblem) return { ok: false, reason: error.message };
    throw error;
  } finally {
    input.destroy();
  }
  if (rows === 0) return { ok: false, reason: '文件只有表头，没有数据行' };
  return { ok: true, sha256: hash.digest('hex'), rows };
}

