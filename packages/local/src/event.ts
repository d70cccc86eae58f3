/**
 * The Lambda event API Gateway HTTP APIs send (payload format 2.0, JWT authorizer), and the
 * Lambda context object, built from a local request — field for field what AWS sends.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { AnyRoute } from '../../../functions/http/route';
import { routeKey } from '../../../functions/http/route';

export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';

export interface IncomingRequest {
  method: string;
  /** The request target as received: path and query, percent-encoded. */
  url: string;
  /** Header name → values, as `IncomingMessage.headersDistinct` gives them. */
  headers: Record<string, string[] | undefined>;
  body: Buffer;
  sourceIp: string;
  /** `HTTP/1.1` */
  protocol: string;
}

/**
 * Claims as API Gateway's JWT authorizer hands them to Lambda: every value a string; arrays as
 * `[a b]`; numbers and booleans as their text; objects as JSON.
 */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) flat[name] = `[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(' ')}]`;
    else if (typeof value === 'object') flat[name] = JSON.stringify(value);
    else flat[name] = String(value);
  }
  return flat;
}

/**
 * Request bodies API Gateway passes as text; everything else (a missing content type too, and
 * `application/x-www-form-urlencoded`) arrives base64-encoded with `isBase64Encoded: true`.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || ['application/json', 'application/xml', 'application/javascript'].includes(type);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's `requestContext.time`. */
export function requestTime(date: Date): string {
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

export function splitTarget(url: string): { rawPath: string; rawQueryString: string } {
  const noFragment = url.split('#')[0]!;
  const q = noFragment.indexOf('?');
  return q < 0 ? { rawPath: noFragment, rawQueryString: '' } : { rawPath: noFragment.slice(0, q), rawQueryString: noFragment.slice(q + 1) };
}

/** Decoded query parameters; a repeated name's values joined by commas, as API Gateway does. */
export function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return Object.keys(params).length ? params : undefined;
}

export interface BuildEventInput {
  request: IncomingRequest;
  route: Pick<AnyRoute, 'method' | 'path'>;
  pathParameters: Record<string, string>;
  /** Verified claims; undefined on public routes (no authorizer). */
  claims?: Record<string, unknown>;
  requestId?: string;
  now?: Date;
}

export function buildEvent(input: BuildEventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request, route } = input;
  const now = input.now ?? new Date();
  const { rawPath, rawQueryString } = splitTarget(request.url);

  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(request.headers)) {
    if (!values?.length) continue;
    const key = name.toLowerCase();
    if (key === 'cookie') {
      cookies = values.flatMap((v) => v.split(';')).map((c) => c.trim()).filter(Boolean);
      continue;
    }
    headers[key] = values.join(',');
  }
  const host = headers.host ?? 'localhost';
  const port = host.includes(':') ? host.slice(host.lastIndexOf(':') + 1) : '80';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] ??= port;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  if (request.body.length) headers['content-length'] = String(request.body.length);

  const hasBody = request.body.length > 0;
  const text = isTextContentType(headers['content-type']);
  const queryStringParameters = queryParameters(rawQueryString);
  const key = routeKey(route);
  const domainName = host.replace(/:\d+$/, '');

  return {
    version: '2.0',
    routeKey: key,
    rawPath,
    rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      // An ID token carries no scopes: API Gateway sends `scopes: null`.
      authorizer: { jwt: { claims: input.claims ? flattenClaims(input.claims) : {}, scopes: null } },
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId ?? randomUUID(),
      routeKey: key,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(input.pathParameters).length ? { pathParameters: input.pathParameters } : {}),
    ...(hasBody ? { body: text ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !text,
  };
}

/** Public routes get no `authorizer` at all, as in AWS. */
export function withoutAuthorizer(event: APIGatewayProxyEventV2WithJWTAuthorizer): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { authorizer: _authorizer, ...requestContext } = event.requestContext;
  return { ...event, requestContext: requestContext as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'] };
}

export interface LambdaContextOptions {
  functionName: string;
  region?: string;
  memoryLimitInMB?: number;
  timeoutMs?: number;
}

/** The `Context` the Lambda runtime passes: names, ARN, request id and the time left. */
export function lambdaContext(options: LambdaContextOptions): Context {
  const region = options.region ?? process.env.AWS_REGION ?? 'cn-northwest-1';
  const partition = region.startsWith('cn-') ? 'aws-cn' : 'aws';
  const deadline = Date.now() + (options.timeoutMs ?? 29_000);
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const noop = () => undefined;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:${partition}:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: noop,
    fail: noop,
    succeed: noop,
  };
}
