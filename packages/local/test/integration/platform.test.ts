import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerMap } from '../../src/gateway';
import { createIssuer, devToken } from '../../src/issuer';
import { startPlatform, type Platform } from '../../src/platform';
import { DEMO_TOWNSHIPS, demoRound, FIRST_DEMO_TOWNSHIP, seedDemo } from '../../src/seed';
import { dynamoDbLocalPids, isAlive } from './support';

describe('the platform with a fake handler', () => {
  it('sets the functions\' environment, serves on a free port, and stops cleanly', async () => {
    const seen: Array<Record<string, string | undefined>> = [];
    const handlers: HandlerMap = {
      rounds: async (event) => {
        seen.push({
          table: process.env.TABLE_NAME,
          endpoint: process.env.DYNAMODB_ENDPOINT,
          region: process.env.AWS_REGION,
          key: process.env.AWS_ACCESS_KEY_ID,
          role: String(event.requestContext.authorizer.jwt.claims['cognito:groups']),
        });
        return { statusCode: 200, body: '{"items":[]}' };
      },
    };
    const issuerDir = await mkdtemp(join(tmpdir(), 'issuer-'));
    const platform = await startPlatform({ port: 0, quiet: true, handlers, tableName: 'platform-test', issuerDir });
    try {
      expect(platform.url).toMatch(/^http:\/\/localhost:\d+$/);
      expect(platform.port).toBeGreaterThan(0);
      // Another process signs with the key in issuerDir, and the platform accepts it.
      const elsewhere = await createIssuer({ dataDir: issuerDir });
      const token = await elsewhere.sign(devToken({ role: 'observer', township: '*' }));
      const res = await fetch(`${platform.url}/county/rounds`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(seen).toEqual([{ table: 'platform-test', endpoint: platform.endpoint, region: 'cn-northwest-1', key: 'local', role: '[observer]' }]);
      const own = await platform.token({ role: 'county_admin' });
      expect((await fetch(`${platform.url}/county/rounds`, { headers: { authorization: `Bearer ${own}` } })).status).toBe(200);
    } finally {
      expect(dynamoDbLocalPids()).toContain(platform.dynamoDbPid);
      await platform.stop();
      expect(isAlive(platform.dynamoDbPid)).toBe(false);
      expect(dynamoDbLocalPids()).not.toContain(platform.dynamoDbPid);
      await rm(issuerDir, { recursive: true, force: true });
    }
  });
});

describe('the platform with the real handlers, seeded', () => {
  let platform: Platform;
  let admin: string;
  beforeAll(async () => {
    platform = await startPlatform({ port: 0, quiet: true });
    admin = await platform.token({ role: 'county_admin' });
  });
  afterAll(() => platform?.stop());

  const api = async (path: string, token = admin) => {
    const res = await fetch(platform.url + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('serves the OpenAPI document without a token', async () => {
    const res = await fetch(`${platform.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
  });

  it('seeds the demo county through the API, once', async () => {
    const result = await seedDemo({ url: platform.url, token: admin });
    expect(result).toMatchObject({ seeded: true, townshipsCreated: DEMO_TOWNSHIPS.length, seatsAllocated: 250 });

    const townships = await api('/county/townships?limit=200');
    expect(townships.status).toBe(200);
    expect(townships.body.items).toHaveLength(DEMO_TOWNSHIPS.length);

    const rounds = await api('/county/rounds');
    expect(rounds.body.items).toHaveLength(1);
    const plan = demoRound();
    expect(rounds.body.items[0]).toMatchObject({ name: plan.name, electionDay: plan.electionDay, countyDeputyTotal: 250, phases: plan.phases });

    const apportionment = await api(`/county/rounds/${result.roundId}/apportionment`);
    expect(apportionment.body).toMatchObject({ status: 'confirmed', total: 250 });
    const seats = (apportionment.body.allocations as Array<{ seats: number }>).reduce((sum, a) => sum + a.seats, 0);
    expect(seats).toBe(250);

    const officer = await platform.token({ role: 'township_officer', township: FIRST_DEMO_TOWNSHIP });
    const mine = await api(`/townships/${FIRST_DEMO_TOWNSHIP}/elections/${result.roundId}`, officer);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ townshipId: FIRST_DEMO_TOWNSHIP, townshipName: '城关街道', apportionmentStatus: 'confirmed' });

    expect(await seedDemo({ url: platform.url, token: admin })).toMatchObject({ seeded: false });
  });

  it('completes a seed that stopped half-way', async () => {
    const again = await seedDemo({ url: platform.url, token: admin, force: true });
    expect(again).toMatchObject({ seeded: true, townshipsCreated: 0, seatsAllocated: 250 });
    expect((await api('/county/rounds')).body.items).toHaveLength(1);
  });
});
