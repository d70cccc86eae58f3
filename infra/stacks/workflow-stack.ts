/**
 * The workflow stack (issue 3): the timeline state machine (Step Functions, standard workflow),
 * its task functions, and the daily digest's EventBridge Scheduler schedule.
 *
 * The state machine's definition is the one ASL file `infra/workflow/timeline.asl.json`, loaded
 * with `DefinitionBody.fromFile` and the task functions' ARNs substituted; the local platform
 * runs the same file with aws-local-stepfunctions. The digest's schedule comes from the one
 * schedule definition (`functions/workflow/digest-schedule.ts`) the local scheduler also fires from.
 */
import path from 'node:path';
import { ArnFormat, Duration, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { LateAcknowledgment } from '../nag';
import { DIGEST_SCHEDULE } from '../../functions/workflow/digest-schedule';
import { nodeFunction, PROJECT_ROOT } from './node-function';

export const TIMELINE_ASL = path.join(PROJECT_ROOT, 'infra', 'workflow', 'timeline.asl.json');

export interface WorkflowStackProps extends StackProps {
  stage: string;
  table: dynamodb.ITableV2;
  /** The counties the daily digest covers (the schedule's input). */
  counties?: string[];
  /** The verified SES identity reminders are sent from (an email address or domain). */
  senderIdentity?: string;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

type TaskName = 'plan' | 'act' | 'digest' | 'approval';

export class WorkflowStack extends Stack {
  readonly stateMachine: sfn.StateMachine;
  readonly functions: Record<TaskName, nodejs.NodejsFunction>;
  readonly schedule: scheduler.Schedule;
  readonly lateAcknowledgments: LateAcknowledgment[] = [];

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const sender = props.senderIdentity ?? 'noreply@example.com';
    const functions = {
      plan: this.taskFunction('plan', props, {}),
      act: this.taskFunction('act', props, { NOTIFY_DELIVERY: 'aws', NOTIFY_FROM_ADDRESS: sender }),
      digest: this.taskFunction('digest', props, { NOTIFY_DELIVERY: 'aws', NOTIFY_FROM_ADDRESS: sender }),
      approval: this.taskFunction('approval', props, {}),
    };
    this.functions = functions;
    for (const fn of Object.values(functions)) {
      // Plan writes the deadlines and the execution's progress; Act and the digest the outbox.
      props.table.grantReadWriteData(fn);
      this.acknowledgeTableGrant(fn);
    }
    for (const fn of [functions.act, functions.digest]) this.allowDelivery(fn, sender);

    const logGroup = new logs.LogGroup(this, 'TimelineLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const stateMachineName = `township-elections-${props.stage}-timeline`;
    this.stateMachine = new sfn.StateMachine(this, 'Timeline', {
      stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(TIMELINE_ASL),
      definitionSubstitutions: {
        PlanFunctionArn: functions.plan.functionArn,
        ActFunctionArn: functions.act.functionArn,
        AwaitApprovalFunctionArn: functions.approval.functionArn,
      },
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    functions.plan.grantInvoke(this.stateMachine);
    functions.act.grantInvoke(this.stateMachine);
    functions.approval.grantInvoke(this.stateMachine);
    // AwaitApproval completes its own wait when the decision came before the token was stored. The
    // ARN is built from the name: granting on the state machine's own ARN would make a cycle
    // (the state machine's role invokes this function, whose policy would name the state machine).
    functions.approval.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: [this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Resource "*" only for the log delivery (logs:CreateLogDelivery, ListLogDeliveries, …) and X-Ray actions that Step Functions ' +
        'needs for execution logging and tracing: these APIs support no resource-level permissions.',
    });
    this.lateAcknowledgments.push({
      scope: this.stateMachine.role,
      finding: /^Resource::<(Plan|Act|Approval)Function[0-9A-F]+\.Arn>:\*$/,
      reason: 'lambda:InvokeFunction on the Plan, Act and AwaitApproval functions and their versions (":*", from grantInvoke): those three functions only.',
    });

    this.schedule = new scheduler.Schedule(this, 'DailyDigest', {
      scheduleName: `township-elections-${props.stage}-${DIGEST_SCHEDULE.name}`,
      description: DIGEST_SCHEDULE.description,
      schedule: scheduler.ScheduleExpression.expression(DIGEST_SCHEDULE.cron, TimeZone.of(DIGEST_SCHEDULE.timeZone)),
      target: new targets.LambdaInvoke(functions.digest, {
        input: scheduler.ScheduleTargetInput.fromObject({ countyIds: props.counties ?? [] }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
      }),
    });
    this.lateAcknowledgments.push({
      scope: this,
      finding: /^Resource::<DigestFunction[0-9A-F]+\.Arn>:\*$/,
      reason: "The schedule's role invokes the digest function and its versions (\":*\", from the LambdaInvoke target): that function only.",
    });
  }

  /** Reminders by SES (from the one sender identity) and SMS by SNS (direct publish to phone numbers). */
  private allowDelivery(fn: lambda.Function, sender: string): void {
    const identity = sender.includes('@') ? sender.split('@')[1]! : sender;
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: sender }),
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
        ],
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
  }

  private acknowledgeTableGrant(fn: lambda.Function): void {
    Validations.of(fn.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray trace actions (active tracing) and, for Act and the digest, sns:Publish to phone numbers: neither supports resource-level permissions.',
    });
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${action} from TableV2.grantReadWriteData, limited to the table's one customer-managed key.`,
      });
    }
    this.lateAcknowledgments.push({
      scope: fn.role!,
      finding: /^Resource::.+\/index\/\*$/,
      reason: 'The table\'s indexes ("<table arn>/index/*"): the digest Queries the due index, never a Scan.',
    });
  }

  private taskFunction(name: TaskName, props: WorkflowStackProps, environment: Record<string, string>): nodejs.NodejsFunction {
    return nodeFunction(this, `${name.charAt(0).toUpperCase()}${name.slice(1)}Function`, {
      entry: `functions/workflow/${name}.ts`,
      description: `Township elections timeline: ${name}`,
      memorySize: 512,
      timeout: Duration.seconds(name === 'digest' ? 300 : 30),
      environment: {
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'township-elections',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...environment,
      },
    });
  }
}

/**
 * The API functions that record the county's decisions a waiting execution is waiting for (the
 * division's approval, a late completion's) complete its AwaitApproval task (SendTaskSuccess).
 */
export function connectApprovalDeciders(workflow: WorkflowStack, functions: lambda.Function[]): void {
  for (const fn of functions) workflow.stateMachine.grantTaskResponse(fn);
}

/**
 * The API functions that start and stop executions (opening a round, moving its dates, adding a
 * township) get the state machine's ARN and the permission to start executions of it and stop them.
 */
export function connectTimelineStarters(workflow: WorkflowStack, functions: lambda.Function[], acknowledgments: LateAcknowledgment[]): void {
  for (const fn of functions) {
    fn.addEnvironment('TIMELINE_STATE_MACHINE_ARN', workflow.stateMachine.stateMachineArn);
    workflow.stateMachine.grantStartExecution(fn);
    workflow.stateMachine.grantExecution(fn, 'states:StopExecution');
    acknowledgments.push({
      scope: fn.role!,
      finding: /^Resource::arn:[^:]+:states:.+:execution:.+:\*$/, // the account may be <AWS::AccountId>
      reason: 'states:StopExecution on the executions of the timeline state machine only (execution names are versioned per township and round).',
    });
  }
}
