/**
 * The API Gateway HTTP API emulation: a node:http server that matches each request against the
 * route table, verifies the bearer token as the JWT authorizer would (the handler is not called
 * without a valid one), builds the payload-2.0 event AWS sends and calls the route group's
 * handler in process. Also serves the issuer's JWKS and answers CORS preflights.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { HttpProblem, PROBLEM_CONTENT_TYPE } from '../../../functions/http/problem';
import type { AnyRoute, Group } from '../../../functions/http/route';
import { buildEvent, lambdaContext, withoutAuthorizer, type IncomingRequest } from './event';
import type { Issuer } from './issuer';
import { createRouter } from './router';

/** What one Lambda function's handler looks like (a middy handler is one). */
export type LambdaHttpHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyResultV2>;
export type HandlerMap = Partial<Record<Group, LambdaHttpHandler>>;

/** API Gateway HTTP APIs take request bodies up to 10 MB. */
export const BODY_LIMIT = 10 * 1024 * 1024;
/** A synchronous Lambda invocation takes and returns at most 6 MB (the event JSON, the result JSON). */
export const LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;

export const JWKS_PATH = '/.well-known/jwks.json';
/** The development tokens are no secret: the API listens on the loopback interface only. */
export const DEFAULT_HOST = '127.0.0.1';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'etag, location, idempotent-replayed, apigw-requestid, retry-after',
};
const CORS_ALLOW_HEADERS = 'authorization, content-type, idempotency-key, if-match';

export interface GatewayOptions {
  routes: readonly AnyRoute[];
  handlers: HandlerMap;
  issuer: Pick<Issuer, 'verify' | 'jwks'>;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default `DEFAULT_HOST` (127.0.0.1): keep the API off the network. */
  host?: string;
  /** No request log lines. */
  quiet?: boolean;
  /** Where log lines go; default console.log (requests) and console.error (handler failures). */
  log?: (line: string) => void;
  logError?: (line: string, error?: unknown) => void;
  /** Requests served beside the API (the local upload endpoint); true when it answered. */
  intercept?: (req: IncomingMessage, res: ServerResponse, rawPath: string) => Promise<boolean>;
  /** The Lambda function name of a group; default `township-elections-<group>`. */
  functionName?: (group: Group) => string;
}

export interface Gateway {
  readonly server: Server;
  /** `http://localhost:<port>` once listening. */
  readonly url: string | undefined;
  /** Listens (on `options.port` unless given) and resolves to the URL. Rejects with `PortInUseError`. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use; set PORT=… to another port (e.g. PORT=${port + 1} npm start)`);
    this.name = 'PortInUseError';
  }
}

function problem(status: number, slug: string, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return new HttpProblem(status, slug, title, detail, { extensions: extra });
}

export function createGateway(options: GatewayOptions): Gateway {
  const router = createRouter(options.routes);
  const log = options.log ?? ((line: string) => console.log(line));
  const logError = options.logError ?? ((line: string, error?: unknown) => console.error(line, error ?? ''));
  const functionName = options.functionName ?? ((group: Group) => `township-elections-${group}`);

  const server = createServer((req, res) => {
    const started = performance.now();
    const apiRequestId = randomUUID();
    res.setHeader('apigw-requestid', apiRequestId);
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    res.on('finish', () => {
      if (!options.quiet) log(`${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - started)}ms`);
    });
    handle(req, res, apiRequestId).catch((error: unknown) => {
      logError(`gateway: ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) sendProblem(res, problem(500, 'internal', 'Internal Server Error', 'The request failed.'), req.url);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse, apiRequestId: string) {
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const rawPath = target.split(/[?#]/)[0]!;
    // Before the body is read: an upload streams to disk, it is not buffered.
    if (options.intercept && (await options.intercept(req, res, rawPath))) return;
    const body = await readBody(req);

    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      const methods = rawPath === JWKS_PATH ? ['GET'] : router.methodsAt(rawPath);
      if (methods.length === 0) return sendProblem(res, problem(404, 'not-found', 'Not found', `No route for ${rawPath}.`), target);
      res.writeHead(204, {
        'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? CORS_ALLOW_HEADERS,
        'access-control-max-age': '600',
      });
      return res.end();
    }
    if (rawPath === JWKS_PATH && (method === 'GET' || method === 'HEAD')) {
      return sendJson(res, 200, options.issuer.jwks(), method === 'HEAD');
    }

    const match = router.match(method, rawPath);
    if (match.kind === 'not-found') {
      return sendProblem(res, problem(404, 'not-found', 'Not found', `No route for ${method} ${rawPath}.`), target);
    }
    if (match.kind === 'method-not-allowed') {
      res.setHeader('allow', match.allow.join(', '));
      return sendProblem(
        res,
        problem(405, 'method-not-allowed', 'Method not allowed', `${rawPath} answers ${match.allow.join(', ')}, not ${method}.`),
        target,
      );
    }
    if (body === 'too-large') {
      return sendProblem(res, problem(413, 'payload-too-large', 'Payload too large', `The body exceeds ${BODY_LIMIT / 1024 / 1024} MB.`), target);
    }
    const { route, pathParameters } = match;

    let claims: Record<string, unknown> | undefined;
    if (route.scope !== 'public') {
      const token = bearerToken(req.headers.authorization);
      if (!token) return sendUnauthorized(res, target, 'A bearer token is required (Authorization: Bearer <token>).');
      try {
        claims = await options.issuer.verify(token);
      } catch (error) {
        return sendUnauthorized(res, target, `The bearer token is not valid: ${describeJwtError(error)}.`);
      }
    }

    const request: IncomingRequest = {
      method,
      url: target,
      headers: req.headersDistinct,
      body,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      protocol: `HTTP/${req.httpVersion}`,
    };
    const built = buildEvent({ request, route, pathParameters, requestId: apiRequestId, ...(claims ? { claims } : {}) });
    const event = route.scope === 'public' ? withoutAuthorizer(built) : built;
    if (Buffer.byteLength(JSON.stringify(event)) > LAMBDA_PAYLOAD_LIMIT) {
      return sendProblem(
        res,
        problem(413, 'payload-too-large', 'Payload too large', 'The request exceeds the 6 MB a Lambda function can be invoked with.'),
        target,
      );
    }

    const handler = options.handlers[route.group];
    if (!handler) {
      logError(`gateway: no handler for group "${route.group}" (${route.operationId})`);
      return sendProblem(res, problem(500, 'internal', 'Internal Server Error', 'The request failed.'), target);
    }
    let result: APIGatewayProxyResultV2;
    try {
      result = await handler(event, lambdaContext({ functionName: functionName(route.group) }));
    } catch (error) {
      logError(`gateway: the ${route.group} handler threw on ${route.operationId} (${apiRequestId})`, error);
      return sendProblem(res, problem(500, 'internal', 'Internal Server Error', 'The request failed.'), target);
    }
    writeResult(res, result, method === 'HEAD', (message) => {
      logError(`gateway: ${route.operationId}: ${message}`);
      sendProblem(res, problem(500, 'internal', 'Internal Server Error', 'The request failed.'), target);
    });
  }

  let url: string | undefined;
  return {
    server,
    get url() {
      return url;
    },
    listen(port = options.port ?? 3000) {
      const host = options.host ?? DEFAULT_HOST;
      return new Promise<string>((resolveUrl, reject) => {
        const onError = (error: NodeJS.ErrnoException) => {
          server.off('listening', onListening);
          reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port) : error);
        };
        const onListening = () => {
          server.off('error', onError);
          const actual = (server.address() as AddressInfo).port;
          const shown = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          url = `http://${shown}:${actual}`;
          resolveUrl(url);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
    },
    close() {
      return new Promise<void>((done) => {
        if (!server.listening) return done();
        server.close(() => done());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > BODY_LIMIT;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function describeJwtError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'it has expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'it is not signed by this platform\'s issuer';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return (error as Error).message;
    default:
      return 'it is malformed';
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headOnly = false) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(headOnly ? undefined : text);
}

function sendProblem(res: ServerResponse, p: HttpProblem, instance?: string) {
  const text = JSON.stringify(p.toDocument(instance?.split('?')[0]));
  res.writeHead(p.status, { 'content-type': PROBLEM_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendUnauthorized(res: ServerResponse, instance: string, detail: string) {
  res.setHeader('www-authenticate', 'Bearer');
  sendProblem(res, new HttpProblem(401, 'unauthenticated', 'Unauthenticated', detail), instance);
}

/** Writes a handler's result as API Gateway does for payload format 2.0. */
function writeResult(res: ServerResponse, result: APIGatewayProxyResultV2, headOnly: boolean, fail: (message: string) => void) {
  // Not a structured result: API Gateway infers 200, JSON, the value as the body.
  if (typeof result === 'string' || result === null || typeof result !== 'object' || !('statusCode' in result)) {
    const text = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(headOnly ? undefined : text);
  }
  const status = result.statusCode ?? 200;
  if (!Number.isInteger(status) || status < 100 || status > 599) return fail(`invalid statusCode ${String(status)}`);
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  if (Buffer.byteLength(JSON.stringify(result)) > LAMBDA_PAYLOAD_LIMIT) return fail('the response exceeds the 6 MB Lambda payload limit');
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(headOnly ? undefined : body);
}
