/**
 * Starting an import run somewhere else than in the request that asked for it: the API answers
 * at once with the import's id, the run proceeds in chunks and its progress is read back.
 *
 * The default runs it in this process, in the background — right for the local platform, where
 * the handlers live in one long-lived process. An AWS deployment sets a dispatcher that invokes
 * the import worker asynchronously (the worker continues from the checkpoint in a new invocation
 * before its time is up), so that no run depends on one invocation finishing.
 */
import { getStore } from '../http/pipeline';
import { logger } from '../http/logger';
import { uploads } from './files';
import { enqueueImport } from './queue';
import { now } from '../http/clock';
import { refreshAfterImport } from '../roll/statistics';
import { runImport, type ImportJob, type RunOptions } from './runner';

export type Dispatcher = (job: ImportJob) => void;

const running = new Set<Promise<unknown>>();

const inProcess: Dispatcher = (job) => {
  // A finished import is counted afresh for the county's statistics (after the import: its own time is the import's).
  const run = runUntilSettled(job)
    .then(async (result) => {
      if (result === 'done') await refreshAfterImport(getStore(), job, now());
    })
    .catch((error: unknown) => logger.error('voter import run failed; resume continues from its checkpoint', { job, error: String(error) }));
  running.add(run);
  void run.finally(() => running.delete(run));
};

/** In AWS: a message on the import queue, which the worker Lambda consumes. */
const queued =
  (queueUrl: string): Dispatcher =>
  (job) => {
    pending.add(enqueueImport(queueUrl, job));
  };
const pending = new Set<Promise<void>>();

/**
 * `IMPORT_QUEUE_URL` (AWS): the queue; `IMPORT_DISPATCH=external`: another process runs the
 * imports (the benchmark's workers); else in this process.
 */
let dispatcher: Dispatcher = process.env.IMPORT_QUEUE_URL
  ? queued(process.env.IMPORT_QUEUE_URL)
  : process.env.IMPORT_DISPATCH === 'external'
    ? () => undefined
    : inProcess;

/** Dispatches the run; resolves once it is handed over (the queue message sent, in AWS). */
export async function dispatchImport(job: ImportJob): Promise<void> {
  dispatcher(job);
  const sends = [...pending];
  pending.clear();
  await Promise.all(sends);
}

export function setImportDispatcher(next: Dispatcher): void {
  dispatcher = next;
}

/** Resolves when every run started in this process has ended (tests, shutdown). */
export async function importsSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

/** Runs until the import is finished or another runner holds it. */
export async function runUntilSettled(job: ImportJob, options: RunOptions = {}) {
  for (;;) {
    const result = await runImport(getStore(), uploads(), job, options);
    if (result !== 'paused') return result;
  }
}
