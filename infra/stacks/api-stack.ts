/**
 * The API stack: the HTTP API of the platform, one Lambda function per resource group.
 *
 * Every route comes from THE route table (`functions/routes.ts`): one API Gateway route per
 * entry, integrated with its group's function, behind the JWT authorizer unless the route is
 * public. A group whose routes only read gets read access to the table; a group with a mutation
 * gets read and write; a group of public routes only gets none (see `tableAccess`).
 */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { LateAcknowledgment } from '../nag';
import { GROUPS, isMutation, routeKey, type AnyRoute, type Group, type Method } from '../../functions/http/route';
import { ROUTES } from '../../functions/routes';
import { nodeFunction } from './node-function';
import { VoterImport } from './voter-import';

/** The repository root (where `package-lock.json` and `functions/` are). */

/** Headers the console sends (authorization, body type, optimistic locking, idempotency). */
export const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'if-match', 'idempotency-key'];
/** Headers the console reads (the version for the next If-Match, a created resource). */
export const CORS_EXPOSE_HEADERS = ['etag', 'location'];

export interface ApiStackProps extends StackProps {
  /** The stage name (`dev`, `prod`, ...), part of the API's name. */
  stage: string;
  table: dynamodb.ITableV2;
  /** The JWT issuer (the user pool's provider URL) and the accepted audiences (app client ids). */
  jwt: { issuer: string; audience: string[] };
  /** Browser origins allowed by CORS. Default `*`: tokens travel in the Authorization header, never in cookies. */
  corsOrigins?: string[];
  /** The routes to deploy. Default: `ROUTES`, the route table. */
  routes?: readonly AnyRoute[];
  /** Powertools log level. Default `INFO`. */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Stage throttling (requests per second, burst). Default 50 / 100. */
  throttle?: { rateLimit: number; burstLimit: number };
  /** Retention of the functions' logs. Default six months. */
  logRetention?: logs.RetentionDays;
  /** Retention of the API access logs. Default one year. */
  accessLogRetention?: logs.RetentionDays;
}

/**
 * What a group's function may do with the table, from its routes: nothing when every route is
 * public (they serve no tenant data: the pipeline never reaches the store for a public route),
 * read when every route is a GET, read and write otherwise.
 */
export type TableAccess = 'none' | 'read' | 'readwrite';

export function tableAccess(group: Group, routes: readonly AnyRoute[] = ROUTES): TableAccess {
  const mine = routes.filter((r) => r.group === group);
  if (mine.every((r) => r.scope === 'public')) return 'none';
  return mine.some(isMutation) ? 'readwrite' : 'read';
}

/** The access log line: JSON, no request bodies, no personal data beyond the caller's subject. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    sub: '$context.authorizer.claims.sub',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    responseLength: '$context.responseLength',
  }),
);

export class ApiStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly functions: Record<Group, nodejs.NodejsFunction>;
  readonly voterImport: VoterImport;
  /** The API's base URL (default stage). */
  readonly url: string;
  /** cdk-nag findings to acknowledge once the app is synthesized (see `infra/nag.ts`). */
  readonly lateAcknowledgments: LateAcknowledgment[] = [];

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const routes = props.routes ?? ROUTES;
    const methods = [...new Set(routes.map((r) => r.method))];

    this.api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `township-elections-${props.stage}`,
      description: "Township People's Congress deputy elections: county and township consoles",
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.corsOrigins ?? ['*'],
        allowMethods: methods.map((m) => apigw.CorsHttpMethod[m]),
        allowHeaders: CORS_ALLOW_HEADERS,
        exposeHeaders: CORS_EXPOSE_HEADERS,
        maxAge: Duration.days(1),
      },
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_YEAR,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });
    this.url = this.stage.url;

    const authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwt.issuer, {
      authorizerName: 'cognito-user-pool',
      jwtAudience: props.jwt.audience,
      identitySource: ['$request.header.Authorization'],
    });

    const functions = {} as Record<Group, nodejs.NodejsFunction>;
    const integrations = {} as Record<Group, HttpLambdaIntegration>;
    for (const group of GROUPS) {
      const fn = this.groupFunction(group, props);
      const access = tableAccess(group, routes);
      if (access === 'read') props.table.grantReadData(fn);
      if (access === 'readwrite') props.table.grantReadWriteData(fn);
      this.acknowledgeGrants(fn, access);
      functions[group] = fn;
      integrations[group] = new HttpLambdaIntegration(`${pascal(group)}Integration`, fn);
    }
    this.functions = functions;

    // The voter import's bucket, queue, worker and person-key secret, and the API functions that use them.
    this.voterImport = new VoterImport(this, 'VoterImport', {
      table: props.table,
      ...(props.corsOrigins ? { corsOrigins: props.corsOrigins } : {}),
      ...(props.logLevel ? { logLevel: props.logLevel } : {}),
    });
    this.voterImport.connect(functions.imports, { presign: true, enqueue: true });
    for (const group of ['voters', 'objections', 'conflicts'] as const) this.voterImport.connect(functions[group], { personKeys: true });
    this.lateAcknowledgments.push(...this.voterImport.lateAcknowledgments);

    for (const route of routes) {
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method satisfies Method]],
        integration: integrations[route.group],
        ...(route.scope === 'public' ? {} : { authorizer }),
      });
      if (route.scope === 'public' && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${routeKey(route)} (${route.operationId}) is public by design in the route table (scope 'public'): ` +
            'no caller to authenticate, and the pipeline never reaches the table for a public route (its function has no table access).',
        });
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: this.url, description: 'Base URL of the HTTP API' });
  }

  /** The wildcards that the grants of a function's role carry, each with the reason it is acceptable. */
  private acknowledgeGrants(fn: lambda.Function, access: TableAccess): void {
    const role = fn.role!;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added for active tracing) have Resource "*": ' +
        'X-Ray supports no resource-level permissions for them.',
    });
    if (access === 'none') return;
    if (access === 'readwrite') {
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason:
            `${action} comes from TableV2.grantReadWriteData for the table's customer-managed key and is limited ` +
            "to that one key's ARN: DynamoDB needs the GenerateDataKey*/ReEncrypt* variants to write under a CMK.",
        });
      }
    }
    this.lateAcknowledgments.push({
      scope: role,
      finding: /^Resource::.+\/index\/\*$/,
      reason:
        `TableV2.${access === 'read' ? 'grantReadData' : 'grantReadWriteData'} covers the table's global secondary indexes as ` +
        '"<table arn>/index/*": confined to the one table of the platform, whose only indexes are the county and ' +
        'due indexes that the handlers Query for cross-tenant views (never a Scan).',
    });
  }

  /** The function of one group: `functions/<group>.ts` (see `node-function.ts`). */
  private groupFunction(group: Group, props: ApiStackProps): nodejs.NodejsFunction {
    return nodeFunction(this, `${pascal(group)}Function`, {
      entry: `functions/${group}.ts`,
      description: `Township elections API: ${group} routes`,
      // Publishing a township's voter list freezes up to ~100,000 voters: within API Gateway's 30 s.
      timeout: Duration.seconds(group === 'publications' ? 29 : 10),
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      environment: {
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'township-elections',
        POWERTOOLS_METRICS_NAMESPACE: 'TownshipElections',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      },
    });
  }
}

function pascal(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
