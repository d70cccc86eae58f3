import { createServer } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AnyRoute } from '../../../../functions/http/route';
import { ROUTES } from '../../../../functions/routes';
import { createGateway, PortInUseError, type Gateway, type HandlerMap, type LambdaHttpHandler } from '../../src/gateway';
import { createIssuer, devToken, type Issuer } from '../../src/issuer';

interface Call {
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  context: Context;
}

let calls: Call[] = [];
let reply: LambdaHttpHandler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
const recording: LambdaHttpHandler = async (event, context) => {
  calls.push({ event: structuredClone(event), context });
  return reply(event, context);
};
const handlers: HandlerMap = {
  meta: recording,
  rounds: recording,
  townships: recording,
  apportionment: recording,
  elections: recording,
  audit: recording,
};

/** A route with a greedy parameter, beside the real table, to test matching. */
const extra: AnyRoute = {
  operationId: 'files',
  method: 'GET',
  path: '/files/{path+}',
  group: 'meta',
  scope: 'public',
  roles: [],
  summary: 'files',
  params: z.object({}),
  query: z.object({}),
  body: undefined,
  response: z.unknown(),
  status: 200,
};

let issuer: Issuer;
let gateway: Gateway;
let url: string;
let adminToken: string;
const lines: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  issuer = await createIssuer();
  gateway = createGateway({
    routes: [...ROUTES, extra],
    handlers,
    issuer,
    log: (line) => lines.push(line),
    logError: (line) => errors.push(line),
  });
  url = await gateway.listen(0);
  adminToken = await issuer.sign(devToken({ role: 'county_admin', county: '330999', name: '县选委办' }));
});
afterAll(() => gateway.close());
beforeEach(() => {
  calls = [];
  reply = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
});

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(url + path, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { type: string; title: string; status: number; detail?: string };
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^urn:township-elections:problem:/);
  expect(body.title).toEqual(expect.any(String));
  return body;
}

describe('authorizer', () => {
  it('answers 401 without a token and never calls the handler', async () => {
    const res = await get('/county/townships');
    const body = await expectProblem(res, 401);
    expect(body.detail).toMatch(/bearer token/i);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(calls).toHaveLength(0);
  });

  it('answers 401 to a token signed by another key', async () => {
    const other = await createIssuer();
    const forged = await other.sign(devToken({ role: 'county_admin' }));
    const body = await expectProblem(await get('/county/townships', forged), 401);
    expect(body.detail).toMatch(/not signed by this platform/);
    expect(calls).toHaveLength(0);
  });

  it('answers 401 to a tampered token', async () => {
    const [h, p, s] = adminToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims['custom:county'] = '110101';
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    await expectProblem(await get('/county/townships', tampered), 401);
    expect(calls).toHaveLength(0);
  });

  it('answers 401 to an expired token, another audience, garbage', async () => {
    const expired = await issuer.sign(devToken({ role: 'county_admin' }), { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expect((await expectProblem(await get('/county/townships', expired), 401)).detail).toMatch(/expired/);
    const elsewhere = await createIssuer({ audience: 'another-client' });
    await expectProblem(await get('/county/townships', await elsewhere.sign(devToken({ role: 'county_admin' }))), 401);
    await expectProblem(await get('/county/townships', 'not-a-jwt'), 401);
    await expectProblem(await fetch(`${url}/county/townships`, { headers: { authorization: `Basic ${adminToken}` } }), 401);
    expect(calls).toHaveLength(0);
  });

  it('lets public routes through without a token and without an authorizer', async () => {
    const res = await get('/openapi.json');
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.event.routeKey).toBe('GET /openapi.json');
    expect(calls[0]!.event.requestContext.authorizer).toBeUndefined();
  });
});

describe('the event', () => {
  it('is the payload-2.0 event API Gateway sends, with flattened claims', async () => {
    const res = await get('/townships/330999101/elections/0190b3a2-1c2d-7e3f-8a9b-0123456789ab?limit=5&tag=a&tag=b&q=%E4%B8%B4%20x', adminToken, {
      'X-Custom-Header': 'Yes',
      Cookie: 'a=1; b=2',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    const { event, context } = calls[0]!;
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /townships/{townshipId}/elections/{roundId}');
    expect(event.rawPath).toBe('/townships/330999101/elections/0190b3a2-1c2d-7e3f-8a9b-0123456789ab');
    expect(event.rawQueryString).toBe('limit=5&tag=a&tag=b&q=%E4%B8%B4%20x');
    expect(event.queryStringParameters).toEqual({ limit: '5', tag: 'a,b', q: '临 x' });
    expect(event.pathParameters).toEqual({ townshipId: '330999101', roundId: '0190b3a2-1c2d-7e3f-8a9b-0123456789ab' });
    expect(event.headers['x-custom-header']).toBe('Yes');
    expect(event.headers.authorization).toBe(`Bearer ${adminToken}`);
    expect(Object.keys(event.headers).every((k) => k === k.toLowerCase())).toBe(true);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);

    const rc = event.requestContext;
    expect(rc.stage).toBe('$default');
    expect(rc.routeKey).toBe(event.routeKey);
    expect(rc.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('apigw-requestid')).toBe(rc.requestId);
    expect(rc.http).toMatchObject({ method: 'GET', path: event.rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' });
    expect(rc.http.userAgent).toEqual(expect.any(String));
    expect(rc.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(rc.timeEpoch - Date.now())).toBeLessThan(10_000);

    const claims = rc.authorizer.jwt.claims;
    expect(rc.authorizer.jwt.scopes).toBeNull();
    expect(Object.values(claims).every((v) => typeof v === 'string')).toBe(true);
    expect(claims['cognito:groups']).toBe('[county_admin]');
    expect(claims['custom:county']).toBe('330999');
    expect(claims['name']).toBe('县选委办');
    expect(claims['token_use']).toBe('id');
    expect(claims['aud']).toBe('local-console');
    expect(claims['iat']).toMatch(/^\d+$/);
    expect(claims['sub']).toMatch(/^[0-9a-f-]{36}$/);

    expect(context.functionName).toBe('township-elections-elections');
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.invokedFunctionArn).toMatch(/^arn:aws(-cn)?:lambda:/);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('flattens several groups and list claims as API Gateway does', async () => {
    const token = await issuer.sign({ ...devToken({ role: 'observer', township: '*' }), 'cognito:groups': ['observer', 'auditors'], n: 3, ok: true });
    await get('/county/rounds', token);
    const claims = calls[0]!.event.requestContext.authorizer.jwt.claims;
    expect(claims['cognito:groups']).toBe('[observer auditors]');
    expect(claims['custom:township']).toBe('*');
    expect(claims['n']).toBe('3');
    expect(claims['ok']).toBe('true');
  });

  it('passes JSON bodies as text and other bodies base64-encoded', async () => {
    const json = JSON.stringify({ name: '东湖镇' });
    await fetch(`${url}/county/townships`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json; charset=utf-8', 'idempotency-key': 'k1' },
      body: json,
    });
    expect(calls[0]!.event.body).toBe(json);
    expect(calls[0]!.event.isBase64Encoded).toBe(false);
    expect(calls[0]!.event.headers['idempotency-key']).toBe('k1');
    expect(calls[0]!.event.routeKey).toBe('POST /county/townships');

    const bytes = Buffer.from([0, 1, 2, 250, 251]);
    await fetch(`${url}/county/townships`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(calls[1]!.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(calls[1]!.event.body!, 'base64')).toEqual(bytes);
  });

  it('gives path parameters decoded, and prefers literal segments and greedy parameters as AWS does', async () => {
    await get('/files/a/b%20c/d.txt');
    expect(calls[0]!.event.pathParameters).toEqual({ path: 'a/b c/d.txt' });
    expect(calls[0]!.event.routeKey).toBe('GET /files/{path+}');
    await get('/county/rounds/0190b3a2-1c2d-7e3f-8a9b-0123456789ab/apportionment', adminToken);
    expect(calls[1]!.event.routeKey).toBe('GET /county/rounds/{roundId}/apportionment');
  });
});

describe('routing', () => {
  it('answers 404 with a problem document for an unknown path', async () => {
    const body = await expectProblem(await get('/nowhere', adminToken), 404);
    expect(body.detail).toContain('/nowhere');
    await expectProblem(await get('/townships/330999101/extra/segments', adminToken), 404);
    await expectProblem(await get('/townships/', adminToken), 404);
    expect(calls).toHaveLength(0);
  });

  it('answers 405 with Allow when the path exists but not the method', async () => {
    const res = await fetch(`${url}/county/townships`, { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}` } });
    await expectProblem(res, 405);
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'POST']);
    expect(calls).toHaveLength(0);
  });

  it('answers CORS preflights for route paths, and adds CORS headers to responses', async () => {
    const res = await fetch(`${url}/county/rounds/abc/apportionment`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(calls).toHaveLength(0);
    const preflightNowhere = await fetch(`${url}/nowhere`, { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } });
    expect(preflightNowhere.status).toBe(404);
    expect((await get('/county/townships', adminToken)).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves the JWKS that verifies the tokens', async () => {
    const res = await get('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: issuer.kid });
    expect(jwks.keys[0]!.d).toBeUndefined();
  });

  it('logs one line per request', async () => {
    lines.length = 0;
    await get('/county/townships', adminToken);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/county\/townships 200 \d+ms$/);
  });
});

describe('responses', () => {
  it('writes status, headers, cookies and base64 bodies of the result', async () => {
    reply = async () => ({
      statusCode: 201,
      headers: { 'content-type': 'image/png', ETag: '"3"', 'x-n': 5 },
      cookies: ['s=1; HttpOnly'],
      body: Buffer.from([137, 80, 78, 71]).toString('base64'),
      isBase64Encoded: true,
    });
    const res = await get('/county/rounds', adminToken);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"3"');
    expect(res.headers.get('x-n')).toBe('5');
    expect(res.headers.get('set-cookie')).toBe('s=1; HttpOnly');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it('infers a JSON 200 from a result that is not structured', async () => {
    reply = async () => JSON.stringify({ a: 1 });
    const res = await get('/county/rounds', adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ a: 1 });
  });

  it('answers 500 with a problem document when the handler throws, and logs it', async () => {
    errors.length = 0;
    reply = async () => {
      throw new Error('boom at secret place');
    };
    const res = await get('/county/rounds', adminToken);
    const body = await expectProblem(res, 500);
    expect(JSON.stringify(body)).not.toContain('boom');
    expect(errors.join('\n')).toContain('rounds handler threw');
  });

  it('answers 500 when a group has no handler', async () => {
    const partial = createGateway({ routes: ROUTES, handlers: {}, issuer, quiet: true, logError: () => undefined });
    const partialUrl = await partial.listen(0);
    try {
      await expectProblem(await fetch(`${partialUrl}/openapi.json`), 500);
    } finally {
      await partial.close();
    }
  });

  it('answers 413 to a body over 10 MB', async () => {
    const res = await fetch(`${url}/county/townships`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    await expectProblem(res, 413);
    expect(calls).toHaveLength(0);
  });
});

describe('listen', () => {
  it('says which port is taken and how to choose another', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const second = createGateway({ routes: ROUTES, handlers, issuer, quiet: true });
    try {
      const error = await second.listen(port).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toBe(`port ${port} is in use; set PORT=… to another port (e.g. PORT=${port + 1} npm start)`);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
