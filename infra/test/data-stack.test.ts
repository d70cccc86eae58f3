import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNTY_INDEX, DUE_INDEX, KEY, TTL_ATTRIBUTE } from '@township/store';
import { synthApp, type SynthesizedApp } from './support';

let built: SynthesizedApp;
beforeAll(() => {
  built = synthApp();
});

describe('data stack: the one table', () => {
  const table = () => {
    const template = built.template(built.data);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    return { template, resource: Object.values(template.findResources('AWS::DynamoDB::GlobalTable'))[0]! };
  };

  it('is on-demand, keeps point-in-time recovery and deletion protection, and is retained', () => {
    const { template } = table();
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: KEY.partition, KeyType: 'HASH' },
          { AttributeName: KEY.sort, KeyType: 'RANGE' },
        ],
        Replicas: [
          Match.objectLike({
            Region: 'cn-northwest-1',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('is encrypted with the customer-managed key of the stack, which rotates', () => {
    const { template, resource } = table();
    const keys = template.findResources('AWS::KMS::Key', { Properties: { EnableKeyRotation: true } });
    expect(Object.keys(keys)).toHaveLength(1);
    const [keyId] = Object.keys(keys);
    expect(resource.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(resource.Properties.Replicas[0].SSESpecification).toEqual({ KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(keys[keyId!]!.DeletionPolicy).toBe('Retain');
  });

  it('has the county and due indexes with the key names of the store, and TTL', () => {
    const { resource } = table();
    expect(resource.Properties.GlobalSecondaryIndexes).toEqual(
      [COUNTY_INDEX, DUE_INDEX].map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partition, KeyType: 'HASH' },
          { AttributeName: index.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(resource.Properties.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toEqual(['county', 'due']);
    expect(resource.Properties.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });
});
