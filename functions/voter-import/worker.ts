/**
 * The voter-import worker Lambda (AWS). Two kinds of events:
 *
 * - S3 `ObjectCreated` on the uploads bucket: the file of an import arrived; the import is marked
 *   queued and its first run goes on the import queue (`uploaded.ts`).
 * - An SQS message `{ job }` from the import queue: one run from the import's checkpoint, until
 *   the import ends or the invocation's time is nearly up (then the next run is queued). No run
 *   depends on one invocation finishing; a run whose invocation dies is resumed when its message
 *   becomes visible again, from the last checkpoint, registering nothing twice.
 */
import type { Context, S3Event, SQSEvent } from 'aws-lambda';
import { getStore } from '../http/pipeline';
import { logger } from '../http/logger';
import { uploads } from './files';
import { enqueueImport } from './queue';
import { runImport, type ImportJob } from './runner';
import { refreshAfterImport } from '../roll/statistics';
import { loadPersonKeySecret } from './secret';
import { importUploaded } from './uploaded';

/** Time kept for the last chunk and its checkpoint after the deadline. */
const MARGIN_MS = 60_000;
/** The runner's lease: a run that finds another's lease waits this long and tries again. */
const LEASE_SECONDS = 120;

const isS3 = (event: S3Event | SQSEvent): event is S3Event => event.Records.some((r) => 's3' in r);

export async function handler(event: S3Event | SQSEvent, context: Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>): Promise<void> {
  await loadPersonKeySecret();
  if (isS3(event)) {
    for (const record of event.Records) {
      // S3 event keys are URL-encoded, with '+' for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const accepted = await importUploaded(key, record.s3.object.size);
      if (!accepted) logger.warn('an upload that names no import awaiting its file', { key });
    }
    return;
  }
  const queueUrl = process.env.IMPORT_QUEUE_URL;
  if (!queueUrl) throw new Error('IMPORT_QUEUE_URL is not set');
  for (const message of event.Records) {
    const { job } = JSON.parse(message.body) as { job: ImportJob };
    const result = await runImport(getStore(), uploads(), job, {
      owner: context.awsRequestId,
      leaseSeconds: LEASE_SECONDS,
      deadline: Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS,
    });
    logger.info('voter import run', { job, result });
    if (result === 'done') await refreshAfterImport(getStore(), job, new Date());
    if (result === 'paused') await enqueueImport(queueUrl, job);
    // Another run holds the lease (a retried message, or an invocation that died holding it).
    if (result === 'busy') await enqueueImport(queueUrl, job, LEASE_SECONDS);
  }
}
