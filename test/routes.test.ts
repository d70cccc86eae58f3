/**
 * Tests generated from the route table: every route, every role, someone else's tenant, and
 * generated input. A route added to `functions/routes.ts` is covered here by being there.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../functions/routes';
import { isMutation, routeKey, type AnyRoute } from '../functions/http/route';
import { call, expectProblem, tokenFor, type Identity, type Role } from './support/api';
import { buildCounty, type County } from './support/fixture';
import { samples } from './samples';

const ROLES: Role[] = ['county_admin', 'township_officer', 'district_officer', 'observer'];
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 25);

function pathFor(route: AnyRoute, values: { townshipId?: string; roundId?: string; districtId?: string }) {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    if (!value) throw new Error(`no value for {${name}} in ${route.path}`);
    return encodeURIComponent(value);
  });
}

function request(route: AnyRoute, county: County, townshipId: string, token?: string) {
  const sample = samples[route.operationId]?.(county) ?? {};
  return call(route.method, pathFor(route, { townshipId, roundId: county.roundId }), {
    ...(token ? { token } : {}),
    ...(route.body ? { body: sample.body ?? {} } : {}),
    ...(sample.headers ? { headers: sample.headers } : {}),
  });
}

function identity(role: Role, county: County, townshipId: string): Identity {
  if (role === 'county_admin') return { role, county: county.countyId };
  if (role === 'observer') return { role, county: county.countyId, township: townshipId };
  if (role === 'district_officer') return { role, county: county.countyId, township: townshipId, districts: ['d1'] };
  return { role, county: county.countyId, township: townshipId };
}

let mine: County;
let other: County;

beforeAll(async () => {
  mine = await buildCounty('610001', ['青石镇', '柳湾乡']);
  other = await buildCounty('620002', ['金沙镇']);
});

const authed = ROUTES.filter((r) => r.scope !== 'public');

describe('the route table', () => {
  it('has a sample body for every route that takes one', () => {
    const missing = ROUTES.filter((r) => r.body && !samples[r.operationId]).map(routeKey);
    expect(missing).toEqual([]);
  });

  it('is served as OpenAPI 3.1 with every route', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of ROUTES) expect(res.body.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.operationId);
  });
});

describe.each(authed.map((r) => [routeKey(r), r] as const))('%s', (_key, route) => {
  it('answers 401 without a token, and with a forged one', async () => {
    expectProblem(await request(route, mine, mine.townships[0]!.id), 401);
    const forged = (await tokenFor({ role: 'county_admin', county: mine.countyId })).replace(/\.[^.]+$/, '.AAAA');
    expectProblem(await request(route, mine, mine.townships[0]!.id, forged), 401);
  });

  it.each(ROLES.filter((role) => !route.roles.includes(role)))('answers 403 to the role %s', async (role) => {
    const token = await tokenFor(identity(role, mine, mine.townships[0]!.id));
    expectProblem(await request(route, mine, mine.townships[0]!.id, token), 403);
  });

  if (isMutation(route)) {
    it('answers 403 to an observer, even one granted every township', async () => {
      const token = await tokenFor({ role: 'observer', county: mine.countyId, township: '*' });
      expectProblem(await request(route, mine, mine.townships[0]!.id, token), 403);
    });
  }

  if (route.method === 'GET') {
    it.each(route.roles.filter((r) => route.scope === 'township' || r === 'county_admin' || r === 'observer'))(
      'answers 200 to the role %s on its own tenant, with a body matching the route’s schema',
      async (role) => {
        const id = role === 'observer' && route.scope === 'county' ? { role, county: mine.countyId, township: '*' } : identity(role, mine, mine.townships[0]!.id);
        const res = await request(route, mine, mine.townships[0]!.id, await tokenFor(id as Identity));
        expect(res.status, res.text).toBe(200);
        const parsed = route.response.safeParse(res.body);
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues).slice(0, 500)).toBe(true);
      },
    );
  }

  if (route.scope === 'township') {
    const target = () => mine.townships[1]!;
    it.each(route.roles.filter((r) => r !== 'county_admin'))(
      "answers 403 to a %s of another township, revealing nothing of it",
      async (role) => {
        const token = await tokenFor(identity(role, mine, mine.townships[0]!.id));
        const res = await request(route, mine, target().id, token);
        expectProblem(res, 403);
        expect(res.text).not.toContain(target().name);
      },
    );
    if (route.roles.includes('county_admin')) {
      it("answers 404 to the admin of another county, revealing nothing of the township", async () => {
        const res = await request(route, mine, target().id, other.adminToken);
        expectProblem(res, 404);
        expect(res.text).not.toContain(target().name);
      });
    }
  }

  if (route.path.includes('{districtId}') && route.roles.includes('district_officer')) {
    it("answers 403 to a district officer of another district of the same township", async () => {
      const token = await tokenFor({ role: 'district_officer', county: mine.countyId, township: mine.townships[0]!.id, districts: ['not-this-one'] });
      const sample = samples[route.operationId]?.(mine) ?? {};
      const res = await call(route.method, pathFor(route, { townshipId: mine.townships[0]!.id, roundId: mine.roundId, districtId: 'd1' }), {
        token,
        ...(route.body ? { body: sample.body ?? {} } : {}),
      });
      expectProblem(res, 403);
    });
  }

  if (route.scope === 'county' && route.path.includes('{roundId}') && route.roles.includes('county_admin')) {
    it("answers 404 to the admin of another county for this county's round", async () => {
      const res = await request(route, mine, mine.townships[0]!.id, other.adminToken);
      expectProblem(res, 404);
      expect(res.text).not.toContain(mine.countyId);
    });
  }

  it('never answers 5xx to generated input, and every refusal is a problem document', async () => {
    const role = route.roles[0]!;
    const token = await tokenFor(
      role === 'county_admin' ? { role, county: '630003' } : { role, county: '630003', township: '630003101' },
    );
    const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
    const idLike = fc.oneof(
      fc.constant('630003101'),
      fc.constant(randomUUID()),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('..', '%', '#', 'COUNTY#1', '0'.repeat(500), '630003101#AUDIT'),
    );
    const json = fc.jsonValue({ maxDepth: 4 });
    const sample = samples[route.operationId]?.({ countyId: '630003', adminToken: token, townships: [], roundId: randomUUID() })?.body;
    const mutated =
      sample && typeof sample === 'object'
        ? fc.tuple(fc.constantFrom(...Object.keys(sample as object), 'unknown'), json).map(([k, v]) => ({ ...(sample as object), [k]: v }))
        : json;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          params: fc.record({ townshipId: idLike, roundId: idLike }),
          query: fc.dictionary(fc.constantFrom('limit', 'cursor', 'x', 'from'), printable, { maxKeys: 3 }),
          body: fc.oneof(json, mutated, printable.map((s) => ({ raw: s }))),
          contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', undefined),
          ifMatch: fc.option(fc.oneof(printable, fc.constantFrom('"1"', '1', 'W/"2"', '"999999999999999"'))),
          idempotencyKey: fc.option(printable),
        }),
        async (input) => {
          const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent((input.params as Record<string, string>)[n] ?? ''));
          const qs = new URLSearchParams(input.query).toString();
          const headers: Record<string, string> = {};
          if (input.contentType) headers['content-type'] = input.contentType;
          if (input.ifMatch !== null) headers['if-match'] = input.ifMatch;
          if (input.idempotencyKey !== null) headers['idempotency-key'] = input.idempotencyKey;
          const body = (input.body as { raw?: string })?.raw !== undefined ? (input.body as { raw: string }).raw : JSON.stringify(input.body);
          const res = await call(route.method, path + (qs ? `?${qs}` : ''), {
            token,
            headers,
            ...(route.method === 'GET' ? {} : { rawBody: body }),
          });
          expect(res.status, res.text).toBeLessThan(500);
          if (res.status >= 400) expectProblem(res);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
