/**
 * Every item of one partition of the table or of an index, page after page. For partitions that
 * stay small by design (a county's townships, the imports running now); large lists page instead.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export async function queryAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  where: { index?: { name: string; partition: string }; partition: string },
): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const r = await doc.send(
      new QueryCommand({
        TableName: tableName,
        ...(where.index ? { IndexName: where.index.name } : {}),
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': where.index?.partition ?? 'pk' },
        ExpressionAttributeValues: { ':p': where.partition },
        ExclusiveStartKey,
      }),
    );
    out.push(...(r.Items ?? []));
    ExclusiveStartKey = r.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}
