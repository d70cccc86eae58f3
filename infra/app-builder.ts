/**
 * Builds the platform's stacks into an app. The CDK app (`infra/bin/app.ts`) and the infra tests
 * build the same app through `buildApp`, so what the tests assert is what `cdk synth` deploys.
 */
import { Tags, type App, type Environment } from 'aws-cdk-lib';
import { applyNag } from './nag';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DataStack } from './stacks/data-stack';
import { connectApprovalDeciders, connectTimelineStarters, WorkflowStack } from './stacks/workflow-stack';

export const DEFAULT_REGION = 'cn-northwest-1';
export const DEFAULT_STAGE = 'dev';

export interface BuildOptions {
  /** Stage name, part of every stack name: `TownshipElections-<stage>-Data`. */
  stage: string;
  /** Account and region. The region is required (the table's customer-managed key). */
  env: Environment & { region: string };
  /** Browser origins the API allows (CORS). Default `*`. */
  corsOrigins?: string[];
  /** Apply the cdk-nag AwsSolutions checks to the app. Default true. */
  nag?: boolean;
  /**
   * An external OpenID Connect provider instead of the Cognito user pool: the AWS China regions
   * have no Cognito user pools, so a deployment there names the county's own identity provider
   * (its tokens must carry the same claims: `cognito:groups` or its mapped equivalent, and
   * `custom:county`, `custom:township`, `custom:districts`). No Auth stack is built then.
   */
  externalJwt?: { issuer: string; audience: string[] };
  /** The counties (6-digit codes) the daily digest covers: the schedule's input. */
  digestCounties?: string[];
  /** The verified SES identity (address or domain) reminders are sent from. */
  notifySender?: string;
}

export interface PlatformStacks {
  data: DataStack;
  /** Absent when an external identity provider is configured. */
  auth?: AuthStack;
  api: ApiStack;
  workflow: WorkflowStack;
}

export const stackName = (stage: string, part: 'Data' | 'Auth' | 'Api' | 'Workflow') => `TownshipElections-${stage}-${part}`;

/**
 * Reads the build options from the app's context (`-c stage=... -c region=...`) and the CLI's
 * environment. The context's region comes first: the CLI always sets CDK_DEFAULT_REGION (to
 * us-east-1 when no profile names one), and the platform's data belongs in the region the
 * project chose (`region` in cdk.json), not in whatever the developer's profile says.
 */
export function optionsFromContext(app: App): BuildOptions {
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const stage = String(context('stage') ?? DEFAULT_STAGE);
  if (!/^[A-Za-z][A-Za-z0-9-]{0,30}$/.test(stage)) throw new Error(`invalid stage name: ${stage}`);
  const region = (context('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  const account = (context('account') as string | undefined) ?? process.env.CDK_DEFAULT_ACCOUNT;
  const origins = context('corsOrigins');
  const corsOrigins = Array.isArray(origins)
    ? origins.map(String)
    : typeof origins === 'string' && origins
      ? origins.split(',').map((o) => o.trim())
      : undefined;
  const issuer = context('jwtIssuer') as string | undefined;
  const audience = context('jwtAudience') as string | undefined;
  if (Boolean(issuer) !== Boolean(audience)) throw new Error('give both -c jwtIssuer=… and -c jwtAudience=…, or neither');
  const counties = context('digestCounties');
  const digestCounties = (Array.isArray(counties) ? counties.map(String) : typeof counties === 'string' ? counties.split(',') : []).map((c) => c.trim()).filter(Boolean);
  for (const c of digestCounties) if (!/^\d{6}$/.test(c)) throw new Error(`invalid county code in digestCounties: ${c}`);
  const notifySender = context('notifySender') as string | undefined;
  return {
    stage,
    env: { region, ...(account ? { account } : {}) },
    ...(corsOrigins ? { corsOrigins } : {}),
    ...(issuer && audience ? { externalJwt: { issuer, audience: audience.split(',').map((a) => a.trim()) } } : {}),
    ...(digestCounties.length ? { digestCounties } : {}),
    ...(notifySender ? { notifySender } : {}),
  };
}

export function buildApp(app: App, opts: BuildOptions): PlatformStacks {
  const { stage, env } = opts;
  const common = { env, terminationProtection: stage === 'prod' };

  const data = new DataStack(app, stackName(stage, 'Data'), {
    ...common,
    description: `Township elections (${stage}): the election table and its key`,
  });
  const auth = opts.externalJwt
    ? undefined
    : new AuthStack(app, stackName(stage, 'Auth'), {
        ...common,
        description: `Township elections (${stage}): the user pool of election staff`,
      });
  const api = new ApiStack(app, stackName(stage, 'Api'), {
    ...common,
    description: `Township elections (${stage}): the HTTP API and its functions`,
    stage,
    table: data.table,
    jwt: opts.externalJwt ?? { issuer: auth!.issuerUrl, audience: [auth!.client.userPoolClientId] },
    ...(opts.corsOrigins ? { corsOrigins: opts.corsOrigins } : {}),
  });

  const workflow = new WorkflowStack(app, stackName(stage, 'Workflow'), {
    ...common,
    description: `Township elections (${stage}): the election timeline state machine and the daily digest`,
    stage,
    table: data.table,
    ...(opts.digestCounties ? { counties: opts.digestCounties } : {}),
    ...(opts.notifySender ? { senderIdentity: opts.notifySender } : {}),
  });
  connectTimelineStarters(workflow, [api.functions.rounds, api.functions.townships], workflow.lateAcknowledgments);
  connectApprovalDeciders(workflow, [api.functions.districts, api.functions.timeline]);

  Tags.of(app).add('project', 'township-elections');
  Tags.of(app).add('stage', stage);
  if (opts.nag ?? true) applyNag(app, [...api.lateAcknowledgments, ...workflow.lateAcknowledgments]);

  return { data, ...(auth ? { auth } : {}), api, workflow };
}
