/**
 * The voter import in AWS (issue 4): an uploads bucket the API hands presigned PUT URLs for, a
 * worker that S3 notifies when a file arrives, a queue of import runs the worker consumes (each
 * run continues from the import's checkpoint; a run whose invocation dies comes back when its
 * message becomes visible again; repeated failures go to a dead-letter queue), and the secret
 * the person keys are derived with. The same chunked runner runs locally in the platform process.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LateAcknowledgment } from '../nag';
import { nodeFunction } from './node-function';

export interface VoterImportProps {
  table: dynamodb.ITableV2;
  /** Browser origins that PUT files to the presigned URLs. */
  corsOrigins?: string[];
  logLevel?: string;
}

/** A run's invocation: the runner stops at its first checkpoint a minute before this ends. */
const WORKER_TIMEOUT = Duration.minutes(10);

export class VoterImport extends Construct {
  readonly bucket: s3.Bucket;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly personKeySecret: secretsmanager.Secret;
  readonly worker: lambda.Function;
  /** cdk-nag findings known only once the app is synthesized (see `infra/nag.ts`). */
  readonly lateAcknowledgments: LateAcknowledgment[] = [];

  constructor(scope: Construct, id: string, props: VoterImportProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Uploads', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // An upload is read once by its import; the registered voters are in the table.
      lifecycleRules: [{ expiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: props.corsOrigins ?? ['*'], allowedHeaders: ['content-type'], maxAge: 3600 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Uploads are transient (expired after 30 days) and each is tied to an audited import record (who asked for the upload URL, ' +
        'when the file arrived, its size and content hash); S3 server access logs would add a second, unaudited trail of the same facts.',
    });

    this.deadLetters = new sqs.Queue(this, 'ImportRunsDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of the import-runs queue: it needs none of its own.',
    });
    this.queue = new sqs.Queue(this, 'ImportRuns', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longer than a run's invocation: a message comes back only when its run has surely died.
      visibilityTimeout: WORKER_TIMEOUT.plus(Duration.minutes(5)),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });

    // 32 random bytes as 64 hex characters (person-key.ts): rotating it would orphan every
    // uniqueness record of a running round, so it is not rotated automatically.
    this.personKeySecret = new secretsmanager.Secret(this, 'PersonKeySecret', {
      description: 'Township elections: the key of the person keys (HMAC of resident IDs within a county)',
      generateSecretString: { passwordLength: 64, excludeUppercase: true, excludePunctuation: true, includeSpace: false, excludeCharacters: 'ghijklmnopqrstuvwxyz' },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.personKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The person-key secret keys the county-wide uniqueness records of a round (one district per person): rotating it mid-round ' +
        'would let a person register twice. It is changed deliberately between rounds, never automatically.',
    });

    this.worker = nodeFunction(this, 'Worker', {
      entry: 'functions/voter-import/worker.ts',
      description: 'Township elections: voter import runs (S3 upload notifications, import-runs queue)',
      timeout: WORKER_TIMEOUT,
      memorySize: 1024,
      environment: {
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'township-elections',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      },
    });
    this.connect(this.worker, { read: true, enqueue: true });
    this.queue.grantConsumeMessages(this.worker);
    this.worker.addEventSource(new SqsEventSource(this.queue, { batchSize: 1 }));
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.worker));
    Validations.of(this.worker.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only the X-Ray actions of active tracing have Resource "*": X-Ray supports no resource-level permissions for them.',
    });
    // The CDK's own handler that puts the bucket's notification configuration (a singleton of the stack).
    const notifications = Stack.of(this).node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834')?.node.tryFindChild('Role');
    if (notifications) {
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "The CDK's BucketNotificationsHandler (aws-s3-notifications), run once at deployment to configure the uploads bucket's notification: its role is the CDK's.",
      });
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: "s3:PutBucketNotification of the CDK's BucketNotificationsHandler, which the CDK grants on \"*\"; it runs only at deployment.",
      });
    }
  }

  /** Gives a function what it needs of the import: the bucket (read, or presign PUTs), the queue, the secret. */
  connect(fn: lambda.Function, needs: { read?: boolean; presign?: boolean; enqueue?: boolean; personKeys?: boolean } = {}): void {
    if (needs.read || needs.presign) fn.addEnvironment('UPLOADS_BUCKET', this.bucket.bucketName);
    if (needs.read) this.bucket.grantRead(fn);
    if (needs.presign) this.bucket.grantPut(fn);
    if (needs.read || needs.presign) {
      this.lateAcknowledgments.push({
        scope: fn.role!,
        finding: /^(Action::s3:(Abort|GetBucket|GetObject|List)\*|Resource::<VoterImportUploads[0-9A-F]+\.Arn>\/\*)$/,
        reason:
          'From Bucket.grantRead/grantPut on the uploads bucket only: its objects ("<bucket arn>/*") are the uploaded voter files, each ' +
          'under a key naming its county, township, round and import; the wildcard actions are the grant methods\' read/put families.',
      });
    }
    if (needs.enqueue) {
      fn.addEnvironment('IMPORT_QUEUE_URL', this.queue.queueUrl);
      this.queue.grantSendMessages(fn);
    }
    if (needs.personKeys ?? needs.read) {
      fn.addEnvironment('PERSON_KEY_SECRET_ARN', this.personKeySecret.secretArn);
      this.personKeySecret.grantRead(fn);
    }
  }
}
