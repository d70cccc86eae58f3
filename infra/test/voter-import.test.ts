/**
 * The voter import in AWS (issue 4): uploads bucket, import-runs queue with its dead-letter queue,
 * the worker S3 and the queue invoke, the person-key secret — and who may use which.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthApp, type SynthesizedApp } from './support';

let built: SynthesizedApp;
beforeAll(() => {
  built = synthApp();
});

const policiesMentioning = (action: string) =>
  Object.entries(built.template(built.api).findResources('AWS::IAM::Policy'))
    .filter(([, p]) => JSON.stringify(p).includes(`"${action}"`))
    .map(([k]) => k.replace(/(FunctionRole|Role).*$/, ''))
    .sort();

describe('voter import in AWS', () => {
  it('keeps uploads in a private, encrypted, TLS-only bucket that forgets them after 30 days', () => {
    const t = built.template(built.api);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })]) },
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['PUT'] })] },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('tells the worker of each new upload, and feeds it import runs one at a time from a queue with a dead-letter queue', () => {
    const t = built.template(built.api);
    t.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: { LambdaFunctionConfigurations: [Match.objectLike({ Events: ['s3:ObjectCreated:*'] })] },
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 1 });
    const queues = Object.values(t.findResources('AWS::SQS::Queue')) as Array<{ Properties: Record<string, any> }>;
    const runs = queues.find((q) => q.Properties.RedrivePolicy)!;
    expect(runs.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    expect(runs.Properties.SqsManagedSseEnabled).toBe(true);
    // A message comes back only once the run holding it has surely died (visibility > the worker's timeout).
    const worker = Object.entries(t.findResources('AWS::Lambda::Function')).find(([k]) => k.startsWith('VoterImportWorker'))![1] as { Properties: Record<string, any> };
    expect(runs.Properties.VisibilityTimeout).toBeGreaterThan(worker.Properties.Timeout);
    expect(worker.Properties.Timeout).toBeLessThanOrEqual(900);
    expect(Object.keys(worker.Properties.Environment.Variables).sort()).toEqual(
      ['IMPORT_QUEUE_URL', 'NODE_OPTIONS', 'PERSON_KEY_SECRET_ARN', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME', 'UPLOADS_BUCKET'].sort(),
    );
  });

  it('lets only the imports routes presign uploads, only the worker read them, and only who keys resident IDs read the secret', () => {
    expect(policiesMentioning('s3:PutObject')).toEqual(['Imports']);
    expect(policiesMentioning('s3:GetObject*')).toEqual(['VoterImportWorker']);
    expect(policiesMentioning('secretsmanager:GetSecretValue')).toEqual(['Conflicts', 'Objections', 'VoterImportWorker', 'Voters']);
    expect(policiesMentioning('sqs:SendMessage')).toEqual(['Imports', 'VoterImportWorker']);
  });

  it('generates the person-key secret as 64 hex characters (32 bytes), kept on stack deletion', () => {
    const t = built.template(built.api);
    t.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludeUppercase: true, ExcludePunctuation: true, ExcludeCharacters: 'ghijklmnopqrstuvwxyz' }) },
    });
  });
});
