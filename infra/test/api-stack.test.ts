import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { GROUPS, isMutation, routeKey } from '../../functions/http/route';
import { ROUTES } from '../../functions/routes';
import { CORS_ALLOW_HEADERS, tableAccess } from '../stacks/api-stack';
import { synthApp, type SynthesizedApp } from './support';

let built: SynthesizedApp;
let template: Template;
beforeAll(() => {
  built = synthApp();
  template = built.template(built.api);
});

type Resource = { Type: string; Properties: Record<string, any> };
const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
const functionLogicalId = (group: (typeof GROUPS)[number]) =>
  built.api.getLogicalId(built.api.functions[group].node.defaultChild as CfnFunction);

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** The actions of the policies attached to a group's function role. */
function roleActions(group: (typeof GROUPS)[number]): { actions: string[]; statements: any[] } {
  const role = (template.findResources('AWS::Lambda::Function')[functionLogicalId(group)] as Resource).Properties.Role;
  const roleId = role['Fn::GetAtt'][0];
  const statements = Object.values(resources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
  return { actions: statements.flatMap((s) => [s.Action].flat()), statements };
}

describe('api stack: routes from the route table', () => {
  it('has exactly one route per entry of ROUTES', () => {
    const keys = Object.values(resources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(keys).toHaveLength(ROUTES.length);
    expect(new Set(keys)).toEqual(new Set(ROUTES.map(routeKey)));
  });

  it('puts every non-public route behind the JWT authorizer, and only the public ones without', () => {
    const [authorizerId] = Object.keys(resources('AWS::ApiGatewayV2::Authorizer'));
    const byKey = new Map(Object.values(resources('AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey, r.Properties]));
    expect(ROUTES.some((r) => r.scope === 'public')).toBe(true);
    for (const route of ROUTES) {
      const props = byKey.get(routeKey(route))!;
      if (route.scope === 'public') {
        expect(props.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(props.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(props.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(props.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
      }
    }
  });

  it("integrates every route with its group's function", () => {
    const integrationTarget = new Map(
      Object.entries(resources('AWS::ApiGatewayV2::Integration')).map(([id, i]) => [id, i.Properties.IntegrationUri['Fn::GetAtt'][0]]),
    );
    const byKey = new Map(Object.values(resources('AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey, r.Properties]));
    for (const route of ROUTES) {
      const target = byKey.get(routeKey(route))!.Target['Fn::Join'][1][1].Ref as string;
      expect(integrationTarget.get(target), routeKey(route)).toBe(functionLogicalId(route.group));
    }
  });

  it('trusts tokens of the user pool for the console client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: Match.objectLike({
          'Fn::GetStackOutput': Match.objectLike({ StackName: built.auth!.stackName, OutputName: Match.stringLikeRegexp('ProviderURL') }),
        }),
        Audience: [
          Match.objectLike({
            'Fn::GetStackOutput': Match.objectLike({ StackName: built.auth!.stackName, OutputName: Match.stringLikeRegexp('ConsoleClient') }),
          }),
        ],
      },
    });
  });

  it('logs access, throttles and allows the console by CORS', () => {
    const stages = Object.values(resources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const stage = stages[0]!.Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]).toMatch(/^AccessLogs/);
    expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    const cors = Object.values(resources('AWS::ApiGatewayV2::Api'))[0]!.Properties.CorsConfiguration;
    expect(new Set(cors.AllowMethods)).toEqual(new Set(ROUTES.map((r) => r.method)));
    expect(cors.AllowHeaders).toEqual(CORS_ALLOW_HEADERS);
    expect(CORS_ALLOW_HEADERS).toEqual(['authorization', 'content-type', 'if-match', 'idempotency-key']);
    template.hasOutput('ApiUrl', {});
  });
});

describe('api stack: one function per group', () => {
  it('has one Node.js 24 function per group, ARM64, traced, with its own log group', () => {
    const functions = resources('AWS::Lambda::Function');
    // Besides one per group: the voter-import worker, and the CDK's handler that configures the bucket's notification.
    const others = Object.keys(functions).filter((k) => !GROUPS.some((g) => k === functionLogicalId(g)));
    expect(others.map((k) => k.replace(/[0-9A-F]{8}$/, ''))).toEqual(expect.arrayContaining(['VoterImportWorker']));
    expect(others).toHaveLength(2);
    for (const group of GROUPS) {
      const fn = functions[functionLogicalId(group)]!.Properties;
      expect(fn.Runtime, group).toBe('nodejs24.x');
      expect(fn.Architectures, group).toEqual(['arm64']);
      expect(fn.TracingConfig, group).toEqual({ Mode: 'Active' });
      expect(fn.Handler, group).toBe('index.handler');
      // Only the functions that start timeline executions (opening a round, adding a township) know the state machine.
      const starts = group === 'rounds' || group === 'townships' ? ['TIMELINE_STATE_MACHINE_ARN'] : [];
      // The import's bucket and queue for the imports routes; the person-key secret where resident IDs are keyed.
      const imports = group === 'imports' ? ['UPLOADS_BUCKET', 'IMPORT_QUEUE_URL'] : ['voters', 'objections', 'conflicts'].includes(group) ? ['PERSON_KEY_SECRET_ARN'] : [];
      expect(Object.keys(fn.Environment.Variables).sort(), group).toEqual(
        ['NODE_OPTIONS', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME', ...starts, ...imports].sort(),
      );
      expect(fn.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      const logGroupId = fn.LoggingConfig.LogGroup.Ref;
      template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: Match.anyValue() } });
      expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]!.Properties.RetentionInDays, group).toBeGreaterThan(0);
    }
  });

  it('uses no managed policy: each role writes to its own log group only', () => {
    for (const [id, role] of Object.entries(resources('AWS::IAM::Role'))) {
      // The CDK's own BucketNotificationsHandler (run at deployment) is the one exception.
      if (!id.startsWith('BucketNotificationsHandler')) expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
    for (const group of GROUPS) {
      const logGroupId = (resources('AWS::Lambda::Function')[functionLogicalId(group)]!.Properties.LoggingConfig.LogGroup.Ref);
      const logs = roleActions(group).statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('logs:')));
      expect(logs, group).toEqual([
        expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }),
      ]);
    }
  });
});

describe('api stack: least privilege on the table', () => {
  const groupsBy = (access: string) => GROUPS.filter((g) => tableAccess(g) === access);

  it('derives each group\'s access from its routes', () => {
    for (const group of GROUPS) {
      const mine = ROUTES.filter((r) => r.group === group);
      const expected = mine.every((r) => r.scope === 'public') ? 'none' : mine.some(isMutation) ? 'readwrite' : 'read';
      expect(tableAccess(group), group).toBe(expected);
    }
    // The route table has each kind today; these tests would be vacuous otherwise.
    expect(groupsBy('read').length).toBeGreaterThan(0);
    expect(groupsBy('readwrite').length).toBeGreaterThan(0);
  });

  it('gives read-only groups reads and decryption, and no write', () => {
    for (const group of groupsBy('read')) {
      const { actions } = roleActions(group);
      expect(actions, group).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
      for (const write of WRITE_ACTIONS) expect(actions, group).not.toContain(write);
      expect(actions.filter((a) => a.startsWith('kms:')).sort(), group).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    }
  });

  it('gives mutating groups writes and the data keys of the table key', () => {
    for (const group of groupsBy('readwrite')) {
      const { actions } = roleActions(group);
      expect(actions, group).toEqual(expect.arrayContaining([...WRITE_ACTIONS, 'dynamodb:Query', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*']));
    }
  });

  it('gives groups of public routes only no table access at all', () => {
    for (const group of groupsBy('none')) {
      expect(roleActions(group).actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('kms:')), group).toEqual([]);
    }
  });

  it('scopes the DynamoDB statements to the table and its indexes, and KMS to the table key', () => {
    const tableArn = Stack.of(built.api).resolve(built.data.table.tableArn);
    const keyArn = Stack.of(built.api).resolve(built.data.key.keyArn);
    for (const group of [...groupsBy('read'), ...groupsBy('readwrite')]) {
      for (const statement of roleActions(group).statements) {
        const actions: string[] = [statement.Action].flat();
        if (actions.some((a) => a.startsWith('dynamodb:'))) {
          expect(statement.Resource, group).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }]);
        }
        if (actions.some((a) => a.startsWith('kms:'))) expect(statement.Resource, group).toEqual(keyArn);
      }
    }
  });
});
