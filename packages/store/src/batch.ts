/**
 * BatchWriteItem with its two chores done: at most 25 items a request, and the unprocessed items
 * (throttling, or DynamoDB Local under load) sent again with backoff until none is left.
 * Batches carry no condition: only items whose right to exist was settled before (by a
 * conditional put or a transaction) are written here, and rewriting them is harmless.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Request = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

const BATCH = 25;
const MAX_ROUNDS = 12;

export async function batchWrite(
  doc: DynamoDBDocumentClient,
  tableName: string,
  puts: readonly Record<string, unknown>[],
  concurrency = 8,
): Promise<void> {
  const requests: Request[] = puts.map((Item) => ({ PutRequest: { Item } }));
  const batches: Request[][] = [];
  for (let i = 0; i < requests.length; i += BATCH) batches.push(requests.slice(i, i + BATCH));
  await forEachLimit(batches, concurrency, (batch) => writeBatch(doc, tableName, batch));
}

async function writeBatch(doc: DynamoDBDocumentClient, tableName: string, batch: Request[]): Promise<void> {
  let pending = batch;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed after ${MAX_ROUNDS} attempts`);
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** round) * Math.random()));
    const r = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
    pending = (r.UnprocessedItems?.[tableName] ?? []) as Request[];
  }
}

/** Runs `fn` over `items` with at most `limit` at a time; the first failure rejects. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
