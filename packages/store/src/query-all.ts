/**
 * Every item of one partition of the table or of an index, page after page. For partitions that
 * stay small by design (a county's townships, the imports running now); large lists page instead.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export async function queryAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  where: {
    index?: { name: string; partition: string };
    partition: string;
    /** Only the items whose sort key begins with this (table queries). */
    skPrefix?: string;
    /** Strongly consistent (table queries only: an index is always eventually consistent). */
    consistent?: boolean;
  },
): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const r = await doc.send(
      new QueryCommand({
        TableName: tableName,
        ...(where.index ? { IndexName: where.index.name } : {}),
        KeyConditionExpression: where.skPrefix ? '#p = :p AND begins_with(sk, :s)' : '#p = :p',
        ExpressionAttributeNames: { '#p': where.index?.partition ?? 'pk' },
        ExpressionAttributeValues: { ':p': where.partition, ...(where.skPrefix ? { ':s': where.skPrefix } : {}) },
        ...(where.consistent ? { ConsistentRead: true } : {}),
        ExclusiveStartKey,
      }),
    );
    out.push(...(r.Items ?? []));
    ExclusiveStartKey = r.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}
