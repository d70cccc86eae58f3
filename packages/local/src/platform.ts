/**
 * The whole platform on one machine: DynamoDB Local with the table of the data stack, the
 * environment the Lambda functions read, the handlers in process behind the gateway emulation,
 * and the development issuer.
 */
import { join } from 'node:path';
import { ROUTES } from '../../../functions/routes';
import type { AnyRoute } from '../../../functions/http/route';
import { LOCAL_CREDENTIALS, LOCAL_REGION, portIsFree, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb';
import { createGateway, DEFAULT_HOST, PortInUseError, type Gateway, type HandlerMap } from './gateway';
import { createIssuer, DEMO_COUNTY, devToken, type DevTokenOptions, type Issuer, type SignOptions, type TokenClaims } from './issuer';
import { ensureTable } from './table';
import { prepareUploads, uploadEndpoint } from './uploads';
import { startWorkflow, type LocalWorkflow, type TimelineClock } from './workflow';

export const DEFAULT_TABLE_NAME = 'township-elections';

export interface PlatformOptions {
  /** Default 3000; 0 picks a free port (see `url`). */
  port?: number;
  host?: string;
  /** DynamoDB's files (`<dataDir>/dynamodb`) and the issuer's key (`<dataDir>/dev-issuer.json`); in memory when absent. */
  dataDir?: string;
  /**
   * Where the issuer keeps its key (`dev-issuer.json`); default `dataDir`, in memory when neither.
   * Give one with an in-memory platform so that other processes (test workers) can sign tokens
   * with `createIssuer({ dataDir: issuerDir })`.
   */
  issuerDir?: string;
  /** The tokens' `iss`; default `LOCAL_ISSUER_URL`. */
  issuerUrl?: string;
  tableName?: string;
  /** Default: a free port. */
  dynamoPort?: number;
  /** No request log lines. */
  quiet?: boolean;
  /** Where request log lines go; default console.log. */
  log?: (line: string) => void;
  /** Default: `functions/handlers.ts`, imported after the environment is set. */
  handlers?: HandlerMap;
  /** Default: `functions/routes.ts`. */
  routes?: readonly AnyRoute[];
  /** The clock the timeline executions run on (issue 3); default real time. */
  clock?: TimelineClock;
}

export interface Platform {
  /** `http://localhost:<port>` */
  url: string;
  port: number;
  /** DynamoDB Local's endpoint. */
  endpoint: string;
  /** DynamoDB Local's Java process. */
  dynamoDbPid: number;
  tableName: string;
  issuer: Issuer;
  /** A signed token: development-user options (`{ role, township }`) or complete claims. */
  token(who: DevTokenOptions | TokenClaims, options?: SignOptions): Promise<string>;
  /** The timeline state machine runner and its clock (issue 3). */
  workflow: LocalWorkflow;
  /** Stops the gateway and DynamoDB Local (waiting for the Java process to exit). Safe to call twice. */
  stop(): Promise<void>;
}

/** The environment the Lambda functions read; set before the handlers are first imported. */
export function setFunctionEnvironment(endpoint: string, tableName: string): void {
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.AWS_REGION = LOCAL_REGION;
  process.env.AWS_DEFAULT_REGION = LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  process.env.POWERTOOLS_SERVICE_NAME ??= 'township-elections';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_DEV ??= 'true';
  process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'TownshipElections';
}

/** The real handlers: imported lazily, because they read the environment on first use. */
export async function loadHandlers(): Promise<HandlerMap> {
  const { handlers } = await import('../../../functions/handlers');
  return handlers;
}

const isClaims = (who: DevTokenOptions | TokenClaims): who is TokenClaims => typeof (who as TokenClaims).sub === 'string' && !('role' in who);

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const port = options.port ?? 3000;
  // Fail fast, before the emulator starts, when the API's port is taken.
  if (port !== 0 && !(await portIsFree(port, options.host ?? DEFAULT_HOST))) throw new PortInUseError(port);
  const dynamo: DynamoDbLocal = await startDynamoDbLocal({
    ...(options.dynamoPort ? { port: options.dynamoPort } : {}),
    ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
  });
  let gateway: Gateway | undefined;
  try {
    await ensureTable(dynamo.endpoint, tableName);
    setFunctionEnvironment(dynamo.endpoint, tableName);
    const uploads = await prepareUploads(options.dataDir);
    const handlers = options.handlers ?? (await loadHandlers());
    const issuerDir = options.issuerDir ?? options.dataDir;
    const issuer = await createIssuer({
      ...(issuerDir ? { dataDir: issuerDir } : {}),
      ...(options.issuerUrl ? { issuerUrl: options.issuerUrl } : {}),
    });
    gateway = createGateway({
      routes: options.routes ?? ROUTES,
      handlers,
      issuer,
      ...(options.host ? { host: options.host } : {}),
      ...(options.quiet ? { quiet: true } : {}),
      ...(options.log ? { log: options.log } : {}),
      intercept: uploadEndpoint(uploads, async (key, size) => (await import('../../../functions/voter-import/uploaded')).importUploaded(key, size)),
    });
    const url = await gateway.listen(port);
    process.env.UPLOADS_URL = `${url}/uploads`;
    const workflow = startWorkflow(options.clock, () => [DEMO_COUNTY]);
    const sweeper = startImportSweeper(options.log ?? (options.quiet ? () => undefined : console.log));
    let stopping: Promise<void> | undefined;
    const started = gateway;
    return {
      url,
      port: Number(new URL(url).port),
      endpoint: dynamo.endpoint,
      dynamoDbPid: dynamo.pid,
      tableName,
      issuer,
      token: (who, signOptions) => issuer.sign(isClaims(who) ? who : devToken(who), signOptions),
      workflow,
      stop: () =>
        (stopping ??= (async () => {
          await started.close();
          sweeper.stop();
          await workflow.stop();
          await dynamo.stop();
        })()),
    };
  } catch (error) {
    await gateway?.close();
    await dynamo.stop();
    throw error;
  }
}

/**
 * Imports whose run died with a previous process (Ctrl-C mid-import) resume by themselves: a
 * sweep when the platform starts and every minute after (their leases run out within two).
 */
function startImportSweeper(log: (line: string) => void, everyMs = 60_000): { stop(): void } {
  const sweep = async () => {
    const [{ resumeStalledImports }, { dispatchImport }, { getStore }] = await Promise.all([
      import('../../../functions/voter-import/sweep'),
      import('../../../functions/voter-import/dispatch'),
      import('../../../functions/http/pipeline'),
    ]);
    const resumed = await resumeStalledImports(getStore(), new Date(), dispatchImport);
    for (const job of resumed) log(`resuming voter import ${job.importId} of township ${job.townshipId} from its checkpoint`);
  };
  const run = () => void sweep().catch((error: unknown) => log(`import sweep failed: ${String(error)}`));
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
