/**
 * The auth stack: the Cognito user pool of the county's election staff and the app client of the
 * web console. Users are created by administrators only (no self sign-up); their role is their
 * group, their tenant is in custom attributes that only administrators can change.
 *
 * The JWT authorizer of the API stack trusts tokens issued by this pool (`issuerUrl`) for this
 * client (`client.userPoolClientId`).
 */
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { Role } from '../../functions/http/principal';

/** The groups of the pool: a user's group is their role (`cognito:groups` in the token). */
export const USER_GROUPS = {
  county_admin: { precedence: 0, description: 'County election committee office (县选举委员会办公室): opens rounds, oversees every township' },
  township_officer: { precedence: 10, description: "Township election office (镇选举工作领导小组办公室): runs their own township's election" },
  district_officer: { precedence: 20, description: 'Electoral district working group (选区工作组): acts on the districts assigned to them' },
  observer: { precedence: 30, description: 'Read-only observer (e.g. the standing committee of the county people\'s congress)' },
} as const satisfies Record<Role, { precedence: number; description: string }>;
export type UserGroup = keyof typeof USER_GROUPS;

/**
 * The tenant attributes of a user (`custom:<name>` in the token). Mutable, but only by
 * administrators: the console's app client may read them and never write them.
 */
export const TENANT_ATTRIBUTES = ['county', 'township', 'districts'] as const;

export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The `iss` of the pool's tokens: `https://cognito-idp.<region>.<suffix>/<pool id>`. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      standardAttributes: {
        email: { required: false, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        county: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        // The officer's township; for an observer a comma-separated list or `*`.
        township: new cognito.StringAttribute({ minLen: 1, maxLen: 2048, mutable: true }),
        // Comma-separated district ids of a district officer.
        districts: new cognito.StringAttribute({ minLen: 0, maxLen: 2048, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [groupName, group] of Object.entries(USER_GROUPS)) {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, ...group });
    }

    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'web-console',
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...TENANT_ATTRIBUTES),
      // Never the tenant attributes: a user must not move themself into another township.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.issuerUrl = this.userPool.userPoolProviderUrl;

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is OPTIONAL (TOTP) by design: accounts are created by administrators and the user enrols ' +
        'an authenticator after the first sign-in; the Plus plan threat protection in full-function mode ' +
        'challenges risky sign-ins with MFA. Switch to Mfa.REQUIRED once every officer has enrolled.',
    });

    // Amazon Cognito user pools do not exist in the AWS China regions (CloudFormation's resource
    // specification for cn-north-1 and cn-northwest-1 has no AWS::Cognito::UserPool; the China
    // "Getting started" guide says the same). Say so on every synth instead of failing it.
    if (!Token.isUnresolved(this.region) && this.region.startsWith('cn-')) {
      Annotations.of(this).addWarningV2(
        'township-elections:cognito-unavailable-in-china',
        `Amazon Cognito user pools are not available in ${this.region}: this stack cannot be deployed there. ` +
          'The API stack takes any OIDC issuer (ApiStackProps.jwt); choose an identity provider that runs in the China regions.',
      );
      Validations.of(this).acknowledge({
        id: 'CloudFormation-Validate::F3006',
        reason:
          `Known: Cognito resource types do not exist in ${this.region}. Kept so that the app synthesizes; ` +
          'the township-elections:cognito-unavailable-in-china warning reports it on every synth.',
      });
    }

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
    new CfnOutput(this, 'IssuerUrl', { value: this.issuerUrl });
  }
}
