/**
 * cdk-nag 3 reports through CDK's policy validation, not through annotations: an unacknowledged
 * AwsSolutions error or warning makes the synth of the app throw (vitest runs CDK in its
 * "inmemory" mode). These tests assert the report is clean, that every acknowledgment carries
 * its reason, and that the checks do run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyNag } from '../nag';
import { acknowledgments, synthApp, testContext, type SynthesizedApp } from './support';

let built: SynthesizedApp;
beforeAll(() => {
  built = synthApp();
});

interface Report {
  pluginReports: Array<{ pluginName: string; conclusion: string; violations: Array<{ ruleName: string; severity: string }> }>;
}
const validationReport = (app: SynthesizedApp): Report =>
  JSON.parse(readFileSync(path.join(app.assembly.directory, 'validation-report.json'), 'utf8')) as Report;

describe('cdk-nag AwsSolutions', () => {
  it('leaves no unacknowledged error or warning in the validation report of the synth', () => {
    const report = validationReport(built);
    const nag = report.pluginReports.filter((r) => r.pluginName === 'AwsSolutions');
    expect(nag.flatMap((r) => r.violations.map((v) => `${v.severity} ${v.ruleName}`))).toEqual([]);
    expect(report.pluginReports.filter((r) => r.conclusion !== 'success').map((r) => r.pluginName)).toEqual([]);
  });

  it.each(['Data', 'Auth', 'Api'] as const)('finds no unacknowledged error or warning on the %s stack', (part) => {
    const stack = { Data: built.data, Auth: built.auth!, Api: built.api }[part];
    const { violations } = new AwsSolutionsChecks(undefined, { verbose: false }).validateScope(stack);
    expect(violations.filter((v) => v.severity === 'error').map((v) => v.ruleName)).toEqual([]);
    expect(violations.filter((v) => v.severity === 'warning').map((v) => v.ruleName)).toEqual([]);
  });

  it('acknowledges only these rules, each with its reason', () => {
    const acks = acknowledgments(built.app);
    for (const ack of acks) expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(60);
    const ids = new Set(acks.map((a) => a.id.replace(/^Annotation::/, '').replace(/\[Resource::.+\/index\/\*\]$/, '[Resource::<table arn>/index/*]')
      .replace(/\[Resource::<\w+Function\w+\.Arn>:\*\]$/, '[Resource::<function arn>:*]')
      .replace(/\[Resource::<VoterImportUploads\w+\.Arn>\/\*\]$/, '[Resource::<uploads bucket>/*]')
      .replace(/\[Resource::arn:aws-cn:states:.+:execution:.+\]$/, '[Resource::<timeline executions>]')));
    expect([...ids].sort()).toEqual(
      [
        'AwsSolutions-APIG4', // the public route (GET /openapi.json)
        'AwsSolutions-COG2', // MFA optional, not required
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        'AwsSolutions-IAM5[Resource::*]', // X-Ray
        'AwsSolutions-IAM5[Resource::<table arn>/index/*]',
        'AwsSolutions-IAM5[Resource::<function arn>:*]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', // the CDK's BucketNotificationsHandler
        'AwsSolutions-IAM5[Action::s3:Abort*]', // grantRead/grantPut on the uploads bucket
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'AwsSolutions-IAM5[Action::s3:List*]',
        'AwsSolutions-IAM5[Resource::<uploads bucket>/*]',
        'AwsSolutions-S1', // uploads are transient and audited by their import
        'AwsSolutions-SMG4', // the person-key secret is not rotated mid-round
        'AwsSolutions-SQS3', // the dead-letter queue itself // the state machine invokes any version of its task functions
        'AwsSolutions-IAM5[Resource::<timeline executions>]', // rounds/townships stop the executions of the timeline state machine
        'CloudFormation-Validate::F3006', // Cognito in a China region: see auth-stack.ts
      ].sort(),
    );
  });

  it('acknowledges the public-route exemption on public routes only', () => {
    const paths = acknowledgments(built.api).filter((a) => a.id.endsWith('AwsSolutions-APIG4')).map((a) => a.path);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/openapi\.json/);
  });

  it('does run: an unacknowledged violation fails the synth', () => {
    const app = new App({ context: testContext() });
    const stack = new Stack(app, 'Probe', { env: { region: 'cn-northwest-1', account: '123456789012' } });
    new kms.Key(stack, 'KeyWithoutRotation', { enableKeyRotation: false });
    applyNag(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-KMS5/);
  });
});

describe('outside the China regions', () => {
  it('synthesizes with no Cognito acknowledgment and no warning', () => {
    const elsewhere = synthApp({ env: { account: '123456789012', region: 'ap-southeast-1' } });
    expect(acknowledgments(elsewhere.app).filter((a) => a.id.includes('F3006'))).toEqual([]);
    const messages = elsewhere.assembly.stacks.flatMap((s) => s.messages).filter((m) => m.level !== 'info');
    expect(messages.map((m) => `${m.level} ${m.id}: ${String(m.entry.data)}`)).toEqual([]);
  });
});

describe('in the China regions', () => {
  it('warns on every synth that the Cognito user pool cannot be deployed there', () => {
    const messages = built.assembly.stacks
      .flatMap((s) => s.messages.map((m) => ({ stack: s.stackName, level: m.level, text: String(m.entry.data) })))
      .filter((m) => m.level !== 'info');
    expect(messages).toEqual([
      { stack: built.auth!.stackName, level: 'warning', text: expect.stringMatching(/^Amazon Cognito user pools are not available in cn-northwest-1/) },
    ]);
  });
});
