/** A deployment in the AWS China regions, which have no Cognito user pools, uses the county's own OIDC provider. */
import { describe, expect, it } from 'vitest';
import { synthApp } from './support';

describe('external identity provider', () => {
  const built = synthApp({ externalJwt: { issuer: 'https://sso.example.gov.cn/realms/county', audience: ['election-console'] } });

  it('builds no Auth stack and no user pool', () => {
    expect(built.auth).toBeUndefined();
    for (const stack of [built.data, built.api]) {
      expect(Object.keys(built.template(stack).findResources('AWS::Cognito::UserPool'))).toHaveLength(0);
    }
  });

  it("points the API's JWT authorizer at the external issuer and audience", () => {
    built.template(built.api).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://sso.example.gov.cn/realms/county', Audience: ['election-console'] },
    });
  });
});
