/**
 * The table's schema as the synthesized CloudFormation template states it, turned into the
 * CreateTable input that DynamoDB Local takes. The local platform and the integration tests
 * create their table through this, so the table deployed to AWS and the one run locally are the
 * same definition (`DataStack`).
 */
import { App } from 'aws-cdk-lib';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DataStack } from './stacks/data-stack';

interface CfnKey {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}
interface CfnTableProperties {
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: 'S' | 'N' | 'B' }>;
  KeySchema: CfnKey[];
  GlobalSecondaryIndexes?: Array<{
    IndexName: string;
    KeySchema: CfnKey[];
    Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  }>;
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

export interface TableSchema {
  create: CreateTableCommandInput;
  ttlAttribute?: string;
}

/** Synthesizes the data stack (no assets, no AWS calls) and reads its one table. */
export function tableSchemaFromTemplate(tableName: string): TableSchema {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new DataStack(app, 'LocalData', { env: { region: 'cn-northwest-1' } });
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties: CfnTableProperties }>;
  };
  const tables = Object.values(template.Resources).filter((r) =>
    ['AWS::DynamoDB::GlobalTable', 'AWS::DynamoDB::Table'].includes(r.Type),
  );
  if (tables.length !== 1) throw new Error(`expected one table in the data stack, found ${tables.length}`);
  const p = tables[0]!.Properties;
  return {
    create: {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      ...(p.GlobalSecondaryIndexes?.length
        ? {
            GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map((g) => ({
              IndexName: g.IndexName,
              KeySchema: g.KeySchema,
              Projection: g.Projection,
            })),
          }
        : {}),
    },
    ...(p.TimeToLiveSpecification?.Enabled ? { ttlAttribute: p.TimeToLiveSpecification.AttributeName } : {}),
  };
}
