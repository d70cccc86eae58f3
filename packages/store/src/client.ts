/** The DynamoDB document client, configured from the environment (a local endpoint or AWS). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface ClientOptions {
  endpoint?: string;
  region?: string;
}

export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient({
    ...(endpoint ? { endpoint } : {}),
    region: options.region ?? process.env.AWS_REGION ?? 'cn-northwest-1',
    maxAttempts: 5,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
