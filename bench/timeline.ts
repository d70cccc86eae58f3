/**
 * `npm run bench:timeline` — complete election timelines on the simulated clock (issue 3).
 *
 * For each size (default 50, 150, 500 townships; BENCH_TOWNSHIPS=50,500 to choose), a fresh
 * process starts the local platform with a simulated clock, registers the townships and opens a
 * round through the API (one execution each of the one ASL definition), records the stages as
 * the townships' behaviours say (see `packages/local/src/workflow/scenario.ts`) and runs every
 * execution to its end. Prints wall time, state transitions, notifications, escalations and
 * peak memory, and the figures per township, which must not grow with the count.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SimulatedClock, startPlatform } from '@township/local';
import { runScenario, SCENARIO_START } from '../packages/local/src/workflow/scenario';

interface Row {
  townships: number;
  wallMs: number;
  timelineMs: number;
  transitions: number;
  notifications: number;
  escalations: number;
  duplicates: number;
  failed: number;
  apiCalls: number;
  peakRssMb: number;
  peakHeapMb: number;
}

async function one(townships: number): Promise<Row> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 50);
  const clock = new SimulatedClock(new Date(SCENARIO_START));
  const platform = await startPlatform({ port: 0, quiet: true, clock });
  try {
    const t0 = performance.now();
    const result = await runScenario({ platform, clock, countyId: '330950', townships, concurrency: 24 });
    const wallMs = performance.now() - t0;
    sample();
    const s = platform.workflow.runner.stats;
    if (s.succeeded !== townships) throw new Error(`${s.succeeded} of ${townships} executions succeeded (failed ${s.failed}): ${String(platform.workflow.runner.errors[0])}`);
    return {
      townships,
      wallMs,
      timelineMs: wallMs,
      transitions: s.transitions,
      notifications: s.notificationsSent,
      escalations: s.escalations,
      duplicates: s.duplicatesSuppressed,
      failed: s.failed,
      apiCalls: result.apiCalls,
      peakRssMb: peakRss / 2 ** 20,
      peakHeapMb: peakHeap / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    await platform.stop();
  }
}

const oneArg = process.argv.indexOf('--one');
if (oneArg > 0) {
  const row = await one(Number(process.argv[oneArg + 1]));
  process.stdout.write(`ROW ${JSON.stringify(row)}\n`);
} else {
  const sizes = (process.env.BENCH_TOWNSHIPS ?? '50,150,500').split(',').map(Number);
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const rows: Row[] = [];
  for (const n of sizes) {
    // A process per size: its peak memory is its own, and DynamoDB Local starts empty.
    const run = spawnSync(tsx, [fileURLToPath(import.meta.url), '--one', String(n)], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const line = run.stdout.split('\n').find((l) => l.startsWith('ROW '));
    if (!line) throw new Error(`size ${n} failed (${run.status}):\n${run.stderr.slice(-3000)}`);
    const row = JSON.parse(line.slice(4)) as Row;
    rows.push(row);
    console.log(`${n} townships: done in ${(row.wallMs / 1000).toFixed(1)} s`);
  }
  const f = (x: number, d = 1) => x.toFixed(d);
  console.log('\nComplete timelines (2026-06-01 → E 2026-11-10 → last check), simulated clock, local platform:\n');
  console.log('townships | wall s | transitions | notifications | escalations | dup. suppressed | peak RSS MB | peak heap MB || per township: ms | transitions | notifications');
  for (const r of rows) {
    console.log(
      [r.townships, f(r.wallMs / 1000), r.transitions, r.notifications, r.escalations, r.duplicates, f(r.peakRssMb, 0), f(r.peakHeapMb, 0)].join(' | ') +
        ' || ' +
        [f(r.wallMs / r.townships), f(r.transitions / r.townships), f(r.notifications / r.townships)].join(' | '),
    );
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const growth = last.wallMs / last.townships / (first.wallMs / first.townships);
  console.log(`\nper-township wall time ${first.townships} → ${last.townships}: ×${f(growth, 2)}; transitions per township ${f(first.transitions / first.townships)} → ${f(last.transitions / last.townships)}`);
  console.log('(wall time includes the API calls that register townships and record stages; DynamoDB Local is the bottleneck)');
}
