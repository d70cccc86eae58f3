/**
 * `npm start`: the whole platform on this machine. Data under `<repo>/.data/` (kept between runs),
 * the API on PORT (default 3000), demo data on first start, tokens printed to get going.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDbLocalError, JavaNotFoundError } from './dynamodb';
import { PortInUseError } from './gateway';
import { startPlatform, type Platform } from './platform';
import { DEMO_COUNTY, DEMO_COUNTY_NAME, DEMO_TOWNSHIPS, FIRST_DEMO_TOWNSHIP, seedDemo } from './seed';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const SEED_STATE = 'seed-state.json';

function fail(message: string): never {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

function portFromEnv(): number {
  const text = process.env.PORT ?? '3000';
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${text}"`);
  return port;
}

/** Seeds on first start, and again when a previous seed did not finish. */
async function seedIfNeeded(platform: Platform, dataDir: string, adminToken: string): Promise<void> {
  const stateFile = join(dataDir, SEED_STATE);
  const state = existsSync(stateFile) ? (JSON.parse(await readFile(stateFile, 'utf8')) as { status?: string }) : {};
  if (state.status === 'done') return;
  await writeFile(stateFile, JSON.stringify({ status: 'started', at: new Date().toISOString() }) + '\n');
  try {
    const result = await seedDemo({
      url: platform.url,
      token: adminToken,
      force: state.status === 'started',
      log: (line) => console.log(`  ${line}`),
    });
    await writeFile(stateFile, JSON.stringify({ status: 'done', at: new Date().toISOString(), ...result }) + '\n');
  } catch (error) {
    console.error(`\n✗ Seeding the demo data failed; the platform runs on, and the next start tries again.\n  ${(error as Error).message}\n`);
  }
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : join(REPO_ROOT, '.data');
  await mkdir(dataDir, { recursive: true });
  const port = portFromEnv();

  console.log(`Starting the township election platform (data in ${dataDir}) …`);
  let platform: Platform;
  let seeding = true;
  try {
    platform = await startPlatform({
      port,
      dataDir,
      quiet: process.env.QUIET === '1',
      // The seed's requests are not worth a line each.
      log: (line) => seeding || console.log(line),
    });
  } catch (error) {
    if (error instanceof JavaNotFoundError || error instanceof PortInUseError || error instanceof DynamoDbLocalError) fail(error.message);
    throw error;
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.error('Stopping now.');
      process.exit(1); // the exit handler still ends DynamoDB Local
    }
    stopping = true;
    console.log(`\n${signal}: stopping …`);
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const adminToken = await platform.token({ role: 'county_admin', county: DEMO_COUNTY, name: '县选举委员会办公室' });
  await seedIfNeeded(platform, dataDir, adminToken);
  seeding = false;
  const firstOfficer = DEMO_TOWNSHIPS[0]!.officers?.[0]?.name ?? '乡镇选举工作办公室';
  const officerToken = await platform.token({
    role: 'township_officer',
    county: DEMO_COUNTY,
    township: FIRST_DEMO_TOWNSHIP,
    name: firstOfficer,
  });

  console.log(`
The platform is running.

  API        ${platform.url}
  OpenAPI    ${platform.url}/openapi.json
  JWKS       ${platform.url}/.well-known/jwks.json
  DynamoDB   ${platform.endpoint} (table ${platform.tableName})

County admin of ${DEMO_COUNTY_NAME} (${DEMO_COUNTY}), valid 12 h:
${adminToken}

Township officer of ${DEMO_TOWNSHIPS[0]!.name} (${FIRST_DEMO_TOWNSHIP}), ${firstOfficer}, valid 12 h:
${officerToken}

Try:
  curl -H "Authorization: Bearer $TOKEN" ${platform.url}/county/townships
More tokens:
  npm run -s token -- --role township_officer --township ${FIRST_DEMO_TOWNSHIP}
  npm run -s token -- --role observer --township '*'
  npm run -s token -- --role district_officer --township ${FIRST_DEMO_TOWNSHIP} --districts d1,d2

Ctrl-C stops it.
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
