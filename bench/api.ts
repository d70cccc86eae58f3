/**
 * `npm run bench:api` — the local platform under load, against DynamoDB's own floor.
 *
 * 1. The API: 100 concurrent clients (autocannon) reading township elections across 20 townships,
 *    each with its own township officer's token — through the gateway emulation, JWT
 *    verification, the middy pipeline, the tenant guard and three GetItems per request
 *    (township, round, apportionment).
 * 2. The floor: 100 concurrent loops of a bare GetItem against the same DynamoDB Local, same run.
 *
 * Prints requests/s and p50/p99 latency of each and their ratio. BENCH_SECONDS sets the duration.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { createDocumentClient } from '@township/store';
import { DEMO_COUNTY, DEMO_TOWNSHIPS, seedDemo, startPlatform } from '@township/local';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const TOWNSHIPS = 20;

const platform = await startPlatform({ port: 0, quiet: true });
try {
  const admin = await platform.token({ role: 'county_admin', county: DEMO_COUNTY });
  const seeded = await seedDemo({ url: platform.url, token: admin });
  const roundId = seeded.roundId!;
  const townships = DEMO_TOWNSHIPS.slice(0, TOWNSHIPS);
  const tokens = await Promise.all(
    townships.map((t) => platform.token({ role: 'township_officer', county: DEMO_COUNTY, township: t.id })),
  );

  let next = 0;
  const runApi = (seconds: number) =>
    autocannon({
      url: platform.url,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            const i = next++ % TOWNSHIPS;
            return {
              ...request,
              path: `/townships/${townships[i]!.id}/elections/${roundId}`,
              headers: { ...request.headers, authorization: `Bearer ${tokens[i]}` },
            };
          },
        },
      ],
    });

  const doc = createDocumentClient({ endpoint: platform.endpoint });
  const runGetItem = async (seconds: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    let k = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const id = townships[k++ % TOWNSHIPS]!.id;
          const t0 = performance.now();
          try {
            await doc.send(new GetCommand({ TableName: platform.tableName, Key: { pk: `TOWNSHIP#${id}`, sk: 'PROFILE' }, ConsistentRead: true }));
            latencies.push(performance.now() - t0);
          } catch {
            errors++;
          }
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    return { rps: latencies.length / seconds, p50: pct(50), p99: pct(99), count: latencies.length, errors };
  };

  // Warm both paths (JIT, connection pools, DynamoDB Local's caches) before measuring.
  await runApi(2);
  await runGetItem(2);

  const api = await runApi(SECONDS);
  const floor = await runGetItem(SECONDS);
  const non2xx = api.non2xx + api.errors;

  const row = (name: string, rps: number, p50: number, p99: number) =>
    `${name.padEnd(34)}${rps.toFixed(0).padStart(10)}${p50.toFixed(1).padStart(10)}${p99.toFixed(1).padStart(10)}`;
  console.log(`\nbench:api — ${CONNECTIONS} concurrent clients, ${TOWNSHIPS} townships, ${SECONDS}s each, Node ${process.version}`);
  console.log(`${''.padEnd(34)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}`);
  console.log(row('API GET township election', api.requests.average, api.latency.p50, api.latency.p99));
  console.log(row('bare DynamoDB GetItem', floor.rps, floor.p50, floor.p99));
  console.log(
    `ratio API / GetItem: throughput ${(api.requests.average / floor.rps).toFixed(3)}, ` +
      `p50 latency ×${(api.latency.p50 / floor.p50).toFixed(1)}, p99 latency ×${(api.latency.p99 / floor.p99).toFixed(1)}`,
  );
  console.log(`(each API request makes 3 GetItems; API requests ${api.requests.total}, non-2xx or errors ${non2xx}; GetItems ${floor.count}, errors ${floor.errors})`);
  if (non2xx > 0) process.exitCode = 1;
} finally {
  await platform.stop();
}
