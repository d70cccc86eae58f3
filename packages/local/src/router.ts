/**
 * Route matching as API Gateway HTTP APIs do it: `{name}` matches one path segment, `{name+}`
 * the rest of the path; the most specific route wins (a literal segment beats a parameter, a
 * parameter beats a greedy one).
 */
import type { AnyRoute } from '../../../functions/http/route';

type Segment = { kind: 0; text: string } | { kind: 1; name: string } | { kind: 2; name: string };

interface Compiled {
  route: AnyRoute;
  segments: Segment[];
}

export type RouteMatch =
  | { kind: 'found'; route: AnyRoute; pathParameters: Record<string, string> }
  /** The path is a route's, the method is not: `allow` lists the methods that are. */
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

function compile(route: AnyRoute): Compiled {
  const segments = route.path
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(part);
      if (!param) return { kind: 0, text: part };
      return param[2] ? { kind: 2, name: param[1]! } : { kind: 1, name: param[1]! };
    });
  return { route, segments };
}

/** Literal before parameter before greedy, segment by segment; then the longer path. */
function specificity(a: Compiled, b: Compiled): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const d = a.segments[i]!.kind - b.segments[i]!.kind;
    if (d !== 0) return d;
  }
  return b.segments.length - a.segments.length;
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function matchPath(compiled: Compiled, parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const { segments } = compiled;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 2) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      params[segment.name] = decode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 0) {
      if (part !== segment.text) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = decode(part);
    }
  }
  return parts.length === segments.length ? params : undefined;
}

export function createRouter(routes: readonly AnyRoute[]) {
  const compiled = routes.map(compile).sort(specificity);

  /** Routes whose path matches, most specific first, with their parameters. */
  const byPath = (rawPath: string) => {
    const parts = rawPath.split('/').slice(1);
    return compiled.flatMap((c) => {
      const params = matchPath(c, parts);
      return params ? [{ route: c.route, params }] : [];
    });
  };

  return {
    match(method: string, rawPath: string): RouteMatch {
      const candidates = byPath(rawPath);
      if (candidates.length === 0) return { kind: 'not-found' };
      const hit = candidates.find((c) => c.route.method === method);
      if (hit) return { kind: 'found', route: hit.route, pathParameters: hit.params };
      return { kind: 'method-not-allowed', allow: [...new Set(candidates.map((c) => c.route.method))] };
    },
    /** The methods served at a path (for CORS preflight); empty when no route has the path. */
    methodsAt(rawPath: string): string[] {
      return [...new Set(byPath(rawPath).map((c) => c.route.method))];
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
