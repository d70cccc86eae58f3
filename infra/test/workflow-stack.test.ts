/**
 * The workflow stack (issue 3): the timeline state machine from the one ASL file, its roles, the
 * daily digest's schedule from the one schedule definition, the API functions allowed to start
 * and stop executions — and the ASL itself checked by asl-validator.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_SCHEDULE } from '../../functions/workflow/digest-schedule';
import { localDefinition } from '../../packages/local/src/workflow/definition';
import { App } from 'aws-cdk-lib';
import { optionsFromContext } from '../app-builder';
import { TIMELINE_ASL } from '../stacks/workflow-stack';
import { synthApp, type SynthesizedApp } from './support';

const validate = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errors: unknown[] };

const asl = JSON.parse(readFileSync(TIMELINE_ASL, 'utf8')) as { States: Record<string, Record<string, unknown>>; QueryLanguage?: string };

describe('the timeline ASL (one definition for AWS and the local runner)', () => {
  it('is valid Amazon States Language, as the local runner loads it (ARNs filled in)', () => {
    const result = validate(localDefinition(), { checkPaths: true, checkArn: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('is invalid without its end state (the validator does catch a broken definition)', () => {
    const broken = localDefinition() as { States: Record<string, unknown> };
    delete broken.States.Finished;
    expect(validate(broken).isValid).toBe(false);
  });

  it('is JSONPath only: no JSONata, no variables (aws-local-stepfunctions runs neither)', () => {
    const text = readFileSync(TIMELINE_ASL, 'utf8');
    expect(asl.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(text).not.toMatch(/"Assign"|"Arguments"|\{%/);
  });

  it('loops Plan → Finished? → WaitUntilDue (TimestampPath) → Act → Plan', () => {
    expect(asl.States.Plan).toMatchObject({ Type: 'Task', Next: 'Finished?', ResultPath: '$.plan' });
    expect(asl.States.WaitUntilDue).toMatchObject({ Type: 'Wait', TimestampPath: '$.plan.wakeAt', Next: 'Act' });
    expect(asl.States.Act).toMatchObject({ Type: 'Task', Next: 'Plan', ResultPath: '$.cursor' });
    expect(asl.States.Finished).toMatchObject({ Type: 'Succeed' });
  });
});

describe('the workflow stack', () => {
  let built: SynthesizedApp;
  beforeAll(() => {
    built = synthApp({ digestCounties: ['330999', '330998'], notifySender: 'elections@example.gov.cn' });
  });

  it('deploys the ASL file as a standard workflow with the task functions substituted, logged and traced', () => {
    const t = built.template(built.workflow);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    t.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
      DefinitionSubstitutions: {
        PlanFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PlanFunction'), 'Arn'] },
        ActFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ActFunction'), 'Arn'] },
        AwaitApprovalFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApprovalFunction'), 'Arn'] },
      },
    });
    // DefinitionBody.fromFile ships the file as an asset: the very file the local runner loads.
    const sm = Object.values(t.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: Record<string, unknown> };
    expect(sm.Properties.DefinitionS3Location).toBeDefined();
  });

  it("lets the state machine's role invoke exactly the Plan, Act and AwaitApproval functions", () => {
    const t = built.template(built.workflow);
    const policies = Object.entries(t.findResources('AWS::IAM::Policy'))
      .filter(([k, p]) => k.startsWith('TimelineRole') && JSON.stringify(p).includes('lambda:InvokeFunction'))
      .map(([, p]) => p);
    expect(policies).toHaveLength(1);
    const text = JSON.stringify(policies[0]);
    expect(text).toMatch(/PlanFunction/);
    expect(text).toMatch(/ActFunction/);
    expect(text).toMatch(/ApprovalFunction/);
    expect(text).not.toMatch(/DigestFunction/);
  });

  it('waits for the county with a task token: AwaitApproval is a waitForTaskToken invoke that times out at the next wake-up', () => {
    expect(asl.States.AwaitApproval).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: '${AwaitApprovalFunctionArn}', Payload: { 'taskToken.$': '$$.Task.Token' } },
      TimeoutSecondsPath: '$.Payload.waitSeconds',
      Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Plan' }],
      Next: 'Plan',
    });
    expect(asl.States['Finished?']).toMatchObject({ Choices: expect.arrayContaining([{ Variable: '$.plan.approvalWait', BooleanEquals: true, Next: 'ApprovalWaitTimeout' }]) });
  });

  it('lets only the AwaitApproval task and the deciding API functions (division, stage approval) complete a waiting task', () => {
    const responders = (t: ReturnType<typeof built.template>) =>
      Object.entries(t.findResources('AWS::IAM::Policy'))
        .filter(([, p]) => JSON.stringify(p).includes('states:SendTaskSuccess'))
        .map(([k]) => k.replace(/FunctionRole.*/, ''))
        .sort();
    expect(responders(built.template(built.workflow))).toEqual(['Approval']);
    expect(responders(built.template(built.api))).toEqual(['Districts', 'Timeline']);
  });

  it('gives the task functions Node.js 24 on ARM, the table, and SES/SNS delivery only to Act and the digest', () => {
    const t = built.template(built.workflow);
    const fns = t.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x', Architectures: ['arm64'] } });
    expect(Object.keys(fns).filter((k) => /^(Plan|Act|Digest|Approval)Function/.test(k))).toHaveLength(4);
    const policies = Object.entries(t.findResources('AWS::IAM::Policy'));
    const delivering = policies.filter(([, p]) => JSON.stringify(p).includes('ses:SendEmail')).map(([k]) => k.replace(/Function.*/, ''));
    expect(delivering.sort()).toEqual(['Act', 'Digest']);
  });

  it('schedules the digest from the one schedule definition: 08:00 Asia/Shanghai daily, invoking the digest function', () => {
    const t = built.template(built.workflow);
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: DIGEST_SCHEDULE.cron,
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestFunction'), 'Arn'] } }),
    });
    expect(DIGEST_SCHEDULE.cron).toBe('cron(0 8 * * ? *)');
  });

  it("gives the digest the deployment's counties, and Act the sender identity (-c digestCounties=… -c notifySender=…)", () => {
    const t = built.template(built.workflow);
    const schedule = Object.values(t.findResources('AWS::Scheduler::Schedule'))[0] as { Properties: { Target: { Input: string } } };
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ countyIds: ['330999', '330998'] });
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ NOTIFY_FROM_ADDRESS: 'elections@example.gov.cn' }) } });
    const opts = optionsFromContext(new App({ context: { digestCounties: '330999, 330998', notifySender: 'elections@example.gov.cn' } }));
    expect(opts).toMatchObject({ digestCounties: ['330999', '330998'], notifySender: 'elections@example.gov.cn' });
    expect(() => optionsFromContext(new App({ context: { digestCounties: '33099' } }))).toThrow(/county code/);
  });

  it('lets the rounds and townships functions start and stop timeline executions, and no other API function', () => {
    const t = built.template(built.api);
    const starters = Object.entries(t.findResources('AWS::IAM::Policy'))
      .filter(([, p]) => JSON.stringify(p).includes('states:StartExecution'))
      .map(([k]) => k.replace(/FunctionRole.*/, ''));
    expect(starters.sort()).toEqual(['Rounds', 'Townships']);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TIMELINE_STATE_MACHINE_ARN: Match.anyValue() }) },
    });
  });

  it('has no unacknowledged cdk-nag error or warning', () => {
    const { violations } = new AwsSolutionsChecks(undefined, { verbose: false }).validateScope(built.workflow);
    expect(violations.filter((v) => v.severity === 'error' || v.severity === 'warning').map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.resourceLogicalId ?? r.constructPath ?? "").join(",")}`)).toEqual([]);
  });
});
