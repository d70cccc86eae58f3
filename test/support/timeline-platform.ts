/**
 * A platform of its own on the simulated clock, for the timeline's end-to-end tests: its own
 * DynamoDB Local (in memory) and gateway, the timeline runner bound to the real task handlers,
 * and time that moves only when the test advances it.
 */
import { randomUUID } from 'node:crypto';
import { SimulatedClock, startPlatform, type Platform } from '@township/local';

export interface TimelinePlatform {
  platform: Platform;
  clock: SimulatedClock;
  call<T = any>(method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; text: string }>;
  admin(countyId: string): Promise<string>;
  officer(countyId: string, townshipId: string): Promise<string>;
  /** Townships through the API (each with one officer reachable by SMS). */
  addTownships(countyId: string, names: string[]): Promise<string[]>;
  openRound(countyId: string, electionDay: string, extra?: Record<string, unknown>): Promise<{ id: string; version: number }>;
  /** Runs every execution up to the instant (ISO, with offset). */
  advanceTo(iso: string): Promise<void>;
}

export async function startTimelinePlatform(start: string): Promise<TimelinePlatform> {
  const clock = new SimulatedClock(new Date(start));
  const platform = await startPlatform({ port: 0, quiet: true, clock });
  const call: TimelinePlatform['call'] = async (method, path, token, body, headers = {}) => {
    const res = await fetch(platform.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
  };
  const admin = (county: string) => platform.token({ role: 'county_admin', county });
  return {
    platform,
    clock,
    call,
    admin,
    officer: (county, township) => platform.token({ role: 'township_officer', county, township }),
    addTownships: async (countyId, names) => {
      const token = await admin(countyId);
      const ids: string[] = [];
      for (const [i, name] of names.entries()) {
        const id = `${countyId}${String(101 + i)}`;
        const res = await call('POST', '/county/townships', token, {
          id,
          name,
          kind: 'town',
          population: { registered: 20000, resident: 20000 },
          officers: [{ name: `${name}办公室主任`, phone: `0570-555${String(1000 + i)}` }],
        });
        if (res.status !== 201) throw new Error(`township: ${res.status} ${res.text}`);
        ids.push(id);
      }
      return ids;
    },
    openRound: async (countyId, electionDay, extra = {}) => {
      const res = await call('POST', '/county/rounds', await admin(countyId), { name: '换届选举', electionDay, ...extra }, { 'idempotency-key': randomUUID() });
      if (res.status !== 201) throw new Error(`round: ${res.status} ${res.text}`);
      return { id: res.body.id, version: res.body.version };
    },
    advanceTo: (iso) => clock.advanceTo(new Date(iso)),
  };
}
