/**
 * `npm run bench:import` — voter imports on the local platform, against DynamoDB's own floor.
 *
 * Synthetic townships (valid resident IDs, realistic names, 1% bad rows, 0.5% people already
 * registered in another township) of 10,000 and 100,000 voters, then four townships of 25,000
 * importing at once — each through the real path: the API creates the import, the file is PUT
 * to the upload URL (streamed from disk), the run validates, claims, registers in chunks.
 *
 * In the same run, the floor: exactly the items our import wrote (voters, person records,
 * conflicts, report rows, import records, audit events), read back and written again with a raw
 * BatchWriteItem at 16-way concurrency into the same DynamoDB Local. Ratio = raw time / our time.
 * Memory: each import runs in a worker process of its own (`import-worker.ts`, bundled by esbuild as the
 * import worker Lambda is); its peak RSS is the import's. The platform's process (gateway
 * and every handler under tsx, `import-platform.ts`) is reported beside it (VmHWM).
 */
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createIssuer, devToken, LOCAL_ISSUER_URL, setFunctionEnvironment } from '@township/local';
import { batchWrite, createDocumentClient, keys, rollKeys, townshipScope } from '@township/store';
import { rollRows } from '../test/support/roll-data';

const COUNTY = '660006';
/**
 * The worker as the Lambda runs it: one ESM bundle made by esbuild with the CDK's options
 * (infra/stacks/node-function.ts), not TypeScript compiled on the fly by tsx, whose loader
 * would count in the worker's memory.
 */
let bundled: Promise<string> | undefined;
function workerBundle(): Promise<string> {
  return (bundled ??= (async () => {
    const { build } = await import('esbuild');
    const outfile = fileURLToPath(new URL('../.bench/import-worker.mjs', import.meta.url));
    await build({
      entryPoints: [fileURLToPath(new URL('./import-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      mainFields: ['module', 'main'],
      minify: true,
      outfile,
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    return outfile;
  })());
}

/** The worker's V8 old-space limit (BENCH_WORKER_HEAP_MB): an import that needed more would fail. */
const WORKER_HEAP_MB = Number(process.env.BENCH_WORKER_HEAP_MB ?? 192);
const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));

/**
 * The platform in a process of its own (import-platform.ts), and each import run in a worker
 * process of its own (import-worker.ts) — as in AWS, where the import worker is its own function:
 * the platform is told not to run imports itself, and the workers share its secrets and uploads.
 */
const workerEnv = {
  ...process.env,
  IMPORT_DISPATCH: 'external',
  PERSON_KEY_SECRET: randomBytes(32).toString('hex'),
  UPLOADS_SECRET: randomBytes(32).toString('hex'),
  UPLOADS_DIR: join(dir, 'uploads'),
};
await mkdir(workerEnv.UPLOADS_DIR, { recursive: true });
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/import-platform.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'], env: workerEnv });
const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
const platform = JSON.parse(line) as { url: string; endpoint: string; tableName: string; pid: number };
const issuer = await createIssuer({ dataDir: dir, issuerUrl: LOCAL_ISSUER_URL });
const token = (who: Parameters<typeof devToken>[0]) => issuer.sign(devToken(who));
// DynamoDB Local's credentials and region, for this process's own client.
setFunctionEnvironment(platform.endpoint, platform.tableName);
const doc = createDocumentClient({ endpoint: platform.endpoint });

/** The platform process's peak resident memory since the last reset (Linux VmHWM), in MB. */
async function peakRssMb(): Promise<number> {
  const status = await readFile(`/proc/${platform.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}
async function currentRssMb(): Promise<number> {
  const status = await readFile(`/proc/${platform.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}
/** Resets the peak to the current RSS (writing 5 to clear_refs, Linux ≥ 4.0). */
const resetPeak = () => writeFile(`/proc/${platform.pid}/clear_refs`, '5');

interface Township { id: string; region: string; token: string }

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads what it just created
async function api(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(platform.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const DISTRICTS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'];

async function setup(count: number) {
  const admin = await token({ role: 'county_admin', county: COUNTY });
  const townships: Township[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${COUNTY}${String(101 + i)}`;
    await api('POST', '/county/townships', admin, { id, name: `测试${i + 1}镇`, kind: 'town', population: { registered: 100_000, resident: 100_000 } });
    townships.push({ id, region: `66${String(1000 + i)}`, token: await token({ role: 'township_officer', county: COUNTY, township: id }) });
  }
  const electionDay = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const round = await api('POST', '/county/rounds', admin, { name: '基准', electionDay, countyDeputyTotal: count * 10 }, { 'idempotency-key': randomUUID() });
  for (const t of townships) {
    for (const d of DISTRICTS) await api('POST', `/townships/${t.id}/elections/${round.id}/districts`, t.token, { id: d, name: `第${d}选区`, population: 12_000, seats: 1 });
  }
  return { townships, roundId: round.id as string };
}

async function writeCsv(name: string, rows: Parameters<typeof rollRows>[0]): Promise<string> {
  const file = join(dir, name);
  const out = createWriteStream(file);
  for (const row of rollRows(rows)) {
    if (!out.write(row.join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

/** The platform process's RSS before and at its peak while `fn` runs. */
async function withPeakMemory<T>(fn: () => Promise<T>) {
  await resetPeak();
  const before = await currentRssMb();
  const value = await fn();
  return { value, beforeMb: before, peakMb: await peakRssMb() };
}

async function importFile(t: Township, roundId: string, file: string) {
  const base = `/townships/${t.id}/elections/${roundId}`;
  const created = await api('POST', `${base}/voter-imports`, t.token, { fileName: file.split('/').pop() });
  const size = (await stat(file)).size;
  const put = await fetch(created.upload.url, {
    method: 'PUT',
    headers: { ...created.upload.headers, 'content-length': String(size) },
    body: createReadStream(file) as unknown as RequestInit['body'],
    duplex: 'half',
  } as RequestInit);
  if (put.status !== 200) throw new Error(`upload: ${put.status}`);
  // The heap bounded as a Lambda function's memory size bounds it: V8 otherwise lets garbage
  // pile up to a fraction of the machine's memory before it collects, which measures nothing.
  const worker = spawn(process.execPath, [`--max-old-space-size=${WORKER_HEAP_MB}`, await workerBundle(), COUNTY, t.id, roundId, created.id], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // DynamoDB Local's credentials were set in this process after the platform started.
    env: { ...workerEnv, ...process.env, TABLE_NAME: platform.tableName, DYNAMODB_ENDPOINT: platform.endpoint, UPLOADS_URL: `${platform.url}/uploads`, POWERTOOLS_LOG_LEVEL: 'WARN' },
  });
  const lines: string[] = [];
  createInterface({ input: worker.stdout! }).on('line', (l) => lines.push(l));
  const [code] = (await once(worker, 'close')) as [number];
  if (code !== 0 || !lines[0]) throw new Error(`the import worker exited with ${code}`);
  const { peakRssMb } = JSON.parse(lines[0]) as { peakRssMb: number };
  for (;;) {
    const { items } = await api('GET', `${base}/voter-imports?importId=${created.id}`, t.token);
    if (['done', 'failed', 'duplicate'].includes(items[0].status)) return { ...items[0], peakRssMb };
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every item an import of `t` wrote, read back (keys and all). */
async function itemsOf(t: Township, roundId: string, importId: string): Promise<Record<string, unknown>[]> {
  const scope = townshipScope(COUNTY, t.id);
  const out: Record<string, unknown>[] = [];
  const all = async (pk: string, skPrefix?: string) => {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const r = await doc.send(new QueryCommand({
        TableName: platform.tableName,
        KeyConditionExpression: skPrefix ? 'pk = :p AND begins_with(sk, :s)' : 'pk = :p',
        ExpressionAttributeValues: { ':p': pk, ...(skPrefix ? { ':s': skPrefix } : {}) },
        ExclusiveStartKey,
      }));
      out.push(...(r.Items ?? []));
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  };
  for (const d of DISTRICTS) await all(rollKeys.voterPartition(scope, roundId, d));
  const voters = out.filter((v) => (v as { source?: { importId?: string } }).source?.importId === importId);
  out.length = 0;
  out.push(...voters);
  // The person record of each voter, as the claim wrote it.
  for (const v of voters) {
    const voter = v as { personKey: string; districtId: string; id: string; source: { row: number } };
    out.push({ ...rollKeys.person(scope, roundId, voter.personKey), entity: 'person', roundId, townshipId: t.id, townshipName: 'x', districtId: voter.districtId, districtName: 'x', voterId: voter.id, source: importId, row: voter.source.row });
  }
  await all(rollKeys.importReport(scope, importId));
  await all(keys.auditHead(scope).pk, keys.auditEventPrefix);
  await all(scope.kind === 'township' ? `TOWNSHIP#${t.id}` : '', rollKeys.conflictPrefix(roundId));
  return out;
}

/** The floor: the same items, written again by a bare BatchWriteItem loop (16 at a time). */
async function rawWrite(client: DynamoDBDocumentClient, items: Record<string, unknown>[]) {
  const copies = items.map((item) => ({ ...item, pk: `BENCH#${String(item.pk)}` }));
  const t0 = performance.now();
  await batchWrite(client, platform.tableName, copies, 16);
  return (performance.now() - t0) / 1000;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function scenario(label: string, t: Township, roundId: string, rows: number, other: Township) {
  const file = await writeCsv(`${t.id}.csv`, { region: t.region, rows, districts: DISTRICTS, badEvery: 100, foreignEvery: 200, otherRegion: other.region, otherRows: 1000 });
  const t0 = performance.now();
  const { value: record, peakMb } = await withPeakMemory(() => importFile(t, roundId, file));
  const seconds = (performance.now() - t0) / 1000;
  const items = await itemsOf(t, roundId, record.id);
  const raw = await rawWrite(doc, items);
  return { label, rows, seconds, record, workerMb: record.peakRssMb as number, platformMb: peakMb, items: items.length, raw };
}

try {
  const { townships, roundId } = await setup(7);
  const [seedTownship, ten, hundred, ...four] = townships as [Township, Township, Township, ...Township[]];
  // The other township, whose first 1,000 people reappear in every roll below (0.5%).
  const seedFile = await writeCsv('seed.csv', { region: seedTownship.region, rows: 1000, districts: DISTRICTS });
  const seeded = await importFile(seedTownship, roundId, seedFile);
  if (seeded.registered !== 1000) throw new Error(`the other township's roll: ${JSON.stringify(seeded)}`);

  const results = [];
  results.push(await scenario('10,000 voters', ten, roundId, 10_000, seedTownship));
  results.push(await scenario('100,000 voters', hundred, roundId, 100_000, seedTownship));

  const files = await Promise.all(four.map((t) => writeCsv(`${t.id}.csv`, { region: t.region, rows: 25_000, districts: DISTRICTS, badEvery: 100, foreignEvery: 200, otherRegion: seedTownship.region, otherRows: 1000 })));
  const t0 = performance.now();
  const concurrent = await withPeakMemory(() => Promise.all(four.map((t, i) => importFile(t, roundId, files[i]!))));
  const seconds4 = (performance.now() - t0) / 1000;
  const items4 = (await Promise.all(four.map((t, i) => itemsOf(t, roundId, concurrent.value[i].id)))).flat();
  const raw4 = await rawWrite(doc, items4);

  console.log('\nVoter import (npm run bench:import) — local platform, DynamoDB Local, this machine\n');
  console.log('scenario              rows     time s   rows/s   registered  invalid  conflicts  items   raw BatchWrite s  ratio raw/ours  worker peak RSS MB  platform peak RSS MB');
  for (const r of results) {
    console.log(
      `${r.label.padEnd(20)}  ${fmt(r.rows).padStart(7)}  ${fmt(r.seconds, 1).padStart(7)}  ${fmt(r.rows / r.seconds).padStart(7)}  ${fmt(r.record.registered).padStart(10)}  ${fmt(r.record.invalid).padStart(7)}  ${fmt(r.record.conflicts).padStart(9)}  ${fmt(r.items).padStart(7)}  ${fmt(r.raw, 1).padStart(16)}  ${fmt(r.raw / r.seconds, 2).padStart(14)}  ${fmt(r.workerMb).padStart(18)}  ${fmt(r.platformMb).padStart(20)}`,
    );
  }
  const reg4 = concurrent.value.reduce((s: number, r: { registered: number }) => s + r.registered, 0);
  const inv4 = concurrent.value.reduce((s: number, r: { invalid: number }) => s + r.invalid, 0);
  const con4 = concurrent.value.reduce((s: number, r: { conflicts: number }) => s + r.conflicts, 0);
  console.log(
    `${'4 × 25,000 at once'.padEnd(20)}  ${fmt(100_000).padStart(7)}  ${fmt(seconds4, 1).padStart(7)}  ${fmt(100_000 / seconds4).padStart(7)}  ${fmt(reg4).padStart(10)}  ${fmt(inv4).padStart(7)}  ${fmt(con4).padStart(9)}  ${fmt(items4.length).padStart(7)}  ${fmt(raw4, 1).padStart(16)}  ${fmt(raw4 / seconds4, 2).padStart(14)}  ${fmt(Math.max(...concurrent.value.map((r: { peakRssMb: number }) => r.peakRssMb))).padStart(18)}  ${fmt(concurrent.peakMb).padStart(20)}`,
  );
  const [r10, r100] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(`\n100,000 rows took ${fmt(r100.seconds / r10.seconds, 1)}× the time of 10,000 (target ≤ 11×); peak RSS of the import worker at 100,000: ${fmt(r100.workerMb)} MB with a ${WORKER_HEAP_MB} MB heap limit (target < 300 MB); ratios target ≥ 0.25.`);
} finally {
  child.kill('SIGTERM');
  await once(child, 'exit');
  await rm(dir, { recursive: true, force: true });
}
