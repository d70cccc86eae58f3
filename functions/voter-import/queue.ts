/**
 * The import queue in AWS (`IMPORT_QUEUE_URL`): each message is one run of an import, from its
 * checkpoint, by the worker (`worker.ts`). A run that ends its time budget sends the next message;
 * a worker that dies leaves its message to come back after the visibility timeout (the automatic
 * resume); after repeated failures the message goes to the dead-letter queue.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ImportJob } from './runner';

let sqs: SQSClient | undefined;

export async function enqueueImport(queueUrl: string, job: ImportJob, delaySeconds = 0): Promise<void> {
  await (sqs ??= new SQSClient({})).send(
    new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ job }), DelaySeconds: Math.min(900, Math.max(0, Math.round(delaySeconds))) }),
  );
}
