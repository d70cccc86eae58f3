import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../functions/http/principal';
import { TENANT_ATTRIBUTES } from '../stacks/auth-stack';
import { synthApp, type SynthesizedApp } from './support';

let built: SynthesizedApp;
beforeAll(() => {
  built = synthApp();
});

const tenantAttributes = TENANT_ATTRIBUTES.map((a) => `custom:${a}`);

describe('auth stack: the user pool', () => {
  it('admits no self sign-up and asks for a strong password, optional TOTP and threat protection', () => {
    built.template(built.auth!).hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AliasAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    const pool = Object.values(built.template(built.auth!).findResources('AWS::Cognito::UserPool'))[0]!;
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has one group per role', () => {
    const groups = built.template(built.auth!).findResources('AWS::Cognito::UserPoolGroup');
    expect(Object.values(groups).map((g) => g.Properties.GroupName).sort()).toEqual([...ROLES].sort());
  });

  it('has the tenant attributes county, township and districts', () => {
    built.template(built.auth!).hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith(
        TENANT_ATTRIBUTES.map((name) => Match.objectLike({ Name: name, AttributeDataType: 'String', Mutable: true })),
      ),
    });
    expect([...TENANT_ATTRIBUTES]).toEqual(['county', 'township', 'districts']);
  });

  it('has one console client: SRP, no secret, reads the tenant attributes and cannot write them', () => {
    const template = built.template(built.auth!);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(tenantAttributes));
    // An absent WriteAttributes would let the client write every standard attribute: it must be a list.
    expect(Array.isArray(client.WriteAttributes) && client.WriteAttributes.length).toBeGreaterThan(0);
    for (const attribute of tenantAttributes) expect(client.WriteAttributes).not.toContain(attribute);
    expect(client.WriteAttributes.filter((a: string) => a.startsWith('custom:'))).toEqual([]);
  });

  it('exports the pool, the client and the issuer URL', () => {
    const outputs = built.template(built.auth!).findOutputs('*');
    expect(Object.keys(outputs).filter((o) => !o.startsWith('PublishOutput')).sort()).toEqual([
      'IssuerUrl',
      'UserPoolClientId',
      'UserPoolId',
    ]);
    expect(outputs.IssuerUrl!.Value).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^UserPool/), 'ProviderURL'] });
  });
});
