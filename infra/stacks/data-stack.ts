/**
 * The data stack: the one DynamoDB table of the platform, every tenant in it.
 * On-demand, point-in-time recovery, deletion protection, encrypted with a customer-managed key.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { COUNTY_INDEX, DUE_INDEX, KEY, TTL_ATTRIBUTE } from '@township/store';

export class DataStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.key = new kms.Key(this, 'TableKey', {
      description: 'Encrypts the election table (voter rolls, results, audit trail)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const string = dynamodb.AttributeType.STRING;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: KEY.partition, type: string },
      sortKey: { name: KEY.sort, type: string },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.key),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: [
        {
          indexName: COUNTY_INDEX.name,
          partitionKey: { name: COUNTY_INDEX.partition, type: string },
          sortKey: { name: COUNTY_INDEX.sort, type: string },
        },
        {
          indexName: DUE_INDEX.name,
          partitionKey: { name: DUE_INDEX.partition, type: string },
          sortKey: { name: DUE_INDEX.sort, type: string },
        },
      ],
    });
  }
}
