import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DescribeTimeToLiveCommand, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDbLocal } from '../../src/dynamodb';
import { ensureTable, localTableSchema } from '../../src/table';
import { dynamoDbLocalPids, isAlive, waitFor } from './support';

const FIXTURE = fileURLToPath(new URL('./fixtures/dynamo-child.ts', import.meta.url));

describe('DynamoDB Local', () => {
  it('starts in memory, gets the table of the data stack with both indexes, and stops leaving no Java process', async () => {
    const db = await startDynamoDbLocal();
    try {
      expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(dynamoDbLocalPids()).toContain(db.pid);

      const first = await ensureTable(db.endpoint, 'township-elections');
      expect(first.created).toBe(true);
      const client = localDynamoDbClient(db.endpoint);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'township-elections' }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, g.IndexStatus, g.Projection?.ProjectionType]);
      expect(indexes.sort()).toEqual([
        ['county', 'ACTIVE', 'ALL'],
        ['due', 'ACTIVE', 'ALL'],
      ]);
      const schema = await localTableSchema('township-elections');
      expect((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort()).toEqual(
        (schema.create.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort(),
      );
      const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'township-elections' })).catch(() => undefined);
      if (ttl) expect(ttl.TimeToLiveDescription?.AttributeName).toBe(schema.ttlAttribute);

      // Any credentials and region reach the same database (-sharedDb).
      await client.send(new PutItemCommand({ TableName: 'township-elections', Item: { pk: { S: 'A' }, sk: { S: 'B' } } }));
      const other = new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient({
        endpoint: db.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'someone', secretAccessKey: 'else' },
      });
      const got = await other.send(new GetItemCommand({ TableName: 'township-elections', Key: { pk: { S: 'A' }, sk: { S: 'B' } } }));
      expect(got.Item).toBeDefined();
      other.destroy();

      const again = await ensureTable(db.endpoint, 'township-elections', { schema });
      expect(again).toMatchObject({ created: false, addedIndexes: [] });
      client.destroy();
    } finally {
      await db.stop();
    }
    expect(isAlive(db.pid)).toBe(false);
    expect(dynamoDbLocalPids()).not.toContain(db.pid);
    await db.stop(); // twice is fine
  });

  it('keeps data on disk between runs and adds indexes a kept table lacks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddb-'));
    try {
      const schema = await localTableSchema('kept-table');
      const first = await startDynamoDbLocal({ dataDir: dir });
      try {
        // The table as an older definition had it: without the `due` index.
        const due = schema.create.GlobalSecondaryIndexes?.find((g) => g.IndexName === 'due');
        const dueKeys = new Set(due?.KeySchema?.map((k) => k.AttributeName));
        const withoutDue = {
          ...schema,
          create: {
            ...schema.create,
            AttributeDefinitions: schema.create.AttributeDefinitions?.filter((a) => !dueKeys.has(a.AttributeName)),
            GlobalSecondaryIndexes: schema.create.GlobalSecondaryIndexes?.filter((g) => g !== due),
          },
        };
        await ensureTable(first.endpoint, 'kept-table', { schema: withoutDue });
        const client = localDynamoDbClient(first.endpoint);
        await client.send(new PutItemCommand({ TableName: 'kept-table', Item: { pk: { S: 'kept' }, sk: { S: 'x' } } }));
        client.destroy();
      } finally {
        await first.stop();
      }
      const second = await startDynamoDbLocal({ dataDir: dir });
      try {
        const result = await ensureTable(second.endpoint, 'kept-table', { schema });
        expect(result).toMatchObject({ created: false, addedIndexes: ['due'] });
        const client = localDynamoDbClient(second.endpoint);
        const got = await client.send(new GetItemCommand({ TableName: 'kept-table', Key: { pk: { S: 'kept' }, sk: { S: 'x' } } }));
        expect(got.Item?.pk?.S).toBe('kept');
        client.destroy();
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a port that is taken', async () => {
    const db = await startDynamoDbLocal();
    try {
      await expect(startDynamoDbLocal({ port: db.port })).rejects.toThrow(/port \d+ for DynamoDB Local is in use/);
    } finally {
      await db.stop();
    }
  });

  async function startChild() {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolveLine, reject) => {
      const rl = createInterface({ input: child.stdout! });
      rl.once('line', resolveLine);
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const { pid } = JSON.parse(line) as { pid: number };
    expect(isAlive(pid)).toBe(true);
    return { child, pid };
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`leaves no Java process when the Node process gets ${signal}`, async () => {
      const { child, pid } = await startChild();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
      expect(await waitFor(() => !isAlive(pid), 10_000)).toBe(true);
      expect(dynamoDbLocalPids()).not.toContain(pid);
    });
  }

  it('leaves no Java process even when the Node process is killed with SIGKILL (watchdog)', async () => {
    const { child, pid } = await startChild();
    child.kill('SIGKILL');
    expect(await waitFor(() => !isAlive(pid), 20_000)).toBe(true);
    expect(dynamoDbLocalPids()).not.toContain(pid);
  });
});
