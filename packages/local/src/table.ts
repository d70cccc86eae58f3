/**
 * The local table, created from the synthesized CDK data stack (`infra/table-schema.ts`): the
 * table run locally and the one deployed are one definition. A table kept on disk from an older
 * definition gets the indexes it lacks.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { TableSchema } from '../../../infra/table-schema';
import { localDynamoDbClient } from './dynamodb';

export interface EnsureTableResult {
  created: boolean;
  /** Indexes added to an existing table that lacked them. */
  addedIndexes: string[];
  description: TableDescription;
}

/** Synthesizes the data stack (a few seconds: aws-cdk-lib is loaded only here). */
export async function localTableSchema(tableName: string): Promise<TableSchema> {
  const { tableSchemaFromTemplate } = await import('../../../infra/table-schema');
  return tableSchemaFromTemplate(tableName);
}

export async function ensureTable(
  endpoint: string,
  tableName: string,
  options: { schema?: TableSchema } = {},
): Promise<EnsureTableResult> {
  const client = localDynamoDbClient(endpoint);
  try {
    const schema = options.schema ?? (await localTableSchema(tableName));
    const create = { ...schema.create, TableName: tableName };
    let existing = await describe(client, tableName);
    let created = false;
    const addedIndexes: string[] = [];
    if (!existing) {
      try {
        await client.send(new CreateTableCommand(create));
        created = true;
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error; // created meanwhile
      }
    } else {
      const have = new Set((existing.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
      for (const index of create.GlobalSecondaryIndexes ?? []) {
        if (have.has(index.IndexName)) continue;
        const names = new Set(index.KeySchema?.map((k) => k.AttributeName));
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: create.AttributeDefinitions?.filter((a) => names.has(a.AttributeName)),
            GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
          }),
        );
        addedIndexes.push(index.IndexName!);
        await waitUntilActive(client, tableName);
      }
    }
    existing = await waitUntilActive(client, tableName);
    if (schema.ttlAttribute) {
      try {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: tableName,
            TimeToLiveSpecification: { AttributeName: schema.ttlAttribute, Enabled: true },
          }),
        );
      } catch {
        // Already enabled, or not supported by the emulator: TTL only deletes expired items.
      }
    }
    return { created, addedIndexes, description: existing };
  } finally {
    client.destroy();
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs = 30_000): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describe(client, tableName);
    if (
      table?.TableStatus === 'ACTIVE' &&
      (table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === undefined || g.IndexStatus === 'ACTIVE')
    ) {
      return table;
    }
    if (Date.now() > deadline) throw new Error(`table ${tableName} is not ACTIVE after ${timeoutMs} ms (${table?.TableStatus ?? 'missing'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
