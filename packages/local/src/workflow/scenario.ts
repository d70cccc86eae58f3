/**
 * A county's round unfolding on the simulated clock, through the API: N townships registered, a
 * round opened (one execution each), and each township behaving as told — most complete every
 * stage two days before its deadline, some miss the voter-list publication (EL 28), some complete
 * nothing. Shared by `npm run demo:timeline` and `npm run bench:timeline`.
 */
import { randomUUID } from 'node:crypto';
import { addDays, computeTimeline, resolveSettings, TRACKED_STAGES, zonedInstant, type Phase, type StageKey } from '@township/domain';
import type { Platform } from '../platform';
import type { SimulatedClock } from './clock';

export const SCENARIO_START = '2026-06-01T08:00:00+08:00';
export const ELECTION_DAY = '2026-11-10';
export const PHASES: Phase[] = [
  { key: 'preparation', start: '2026-06-05', end: '2026-06-30' },
  { key: 'districtDivision', start: '2026-06-20', end: '2026-07-31' },
  { key: 'registration', start: '2026-08-01', end: '2026-10-15' },
];

export type Behaviour = 'diligent' | 'missesVoterList' | 'silent';

/** Every tenth township misses the voter list, every tenth (offset one) does nothing at all. */
export const behaviourOf = (i: number): Behaviour => (i % 10 === 3 ? 'missesVoterList' : i % 10 === 7 ? 'silent' : 'diligent');

export interface ScenarioOptions {
  platform: Platform;
  clock: SimulatedClock;
  countyId: string;
  townships: number;
  /** Concurrent API calls while registering and recording. */
  concurrency?: number;
  /** Told at each step (demo output). */
  onStep?: (step: { at: Date; label: string }) => Promise<void> | void;
}

export interface ScenarioResult {
  roundId: string;
  townshipIds: string[];
  behaviours: Behaviour[];
  apiCalls: number;
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

const NAMES = ['青山', '白水', '石门', '桃源', '龙泉', '柳林', '新塘', '清溪', '双峰', '梅岙'];
const nameOf = (i: number) => `${NAMES[i % NAMES.length]}${i >= NAMES.length ? Math.floor(i / NAMES.length) : ''}${i % 3 === 0 ? '乡' : '镇'}`;

export async function runScenario(o: ScenarioOptions): Promise<ScenarioResult> {
  const concurrency = o.concurrency ?? 16;
  let apiCalls = 0;
  const api = async (method: string, path: string, token: string, body: unknown, headers: Record<string, string> = {}, attempt = 0): Promise<Record<string, unknown>> => {
    apiCalls++;
    const res = await fetch(o.platform.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    // "Busy: try again" (too many writers of the county's audit chain at once): as a client would.
    if (res.status === 409 && text.includes(':busy"') && attempt < 5) {
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
      return api(method, path, token, body, headers, attempt + 1);
    }
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const admin = await o.platform.token({ role: 'county_admin', county: o.countyId });
  const townshipIds = Array.from({ length: o.townships }, (_, i) => `${o.countyId}${String(101 + i).padStart(3, '0')}`);
  const behaviours = townshipIds.map((_, i) => behaviourOf(i));

  await pool(townshipIds.map((id, i) => ({ id, i })), concurrency, async ({ id, i }) => {
    await api('POST', '/county/townships', admin, {
      id,
      name: nameOf(i),
      kind: i % 3 === 0 ? 'township' : 'town',
      population: { registered: 10_000 + i * 37, resident: 9_000 + i * 41 },
      officers: [{ name: `${nameOf(i)}选举办主任`, phone: `0570-${String(5550000 + i)}` }],
    });
  });
  await o.onStep?.({ at: o.clock.now(), label: `${o.townships} 个乡镇已登记` });
  const round = await api('POST', '/county/rounds', admin, { name: '2026年县乡两级人大代表换届选举', electionDay: ELECTION_DAY, phases: PHASES }, { 'idempotency-key': randomUUID() });
  const roundId = String(round.id);
  await o.onStep?.({ at: o.clock.now(), label: `开启选举，选举日 ${ELECTION_DAY}：每个乡镇一个执行` });

  const timeline = computeTimeline(ELECTION_DAY, resolveSettings({}), PHASES).filter((e) => TRACKED_STAGES.includes(e.stage) && e.deadline);
  const tokens = new Map<string, string>();
  for (const entry of timeline) {
    // Two days before the deadline, at noon: after the 7- and 3-day reminders, before the 1-day one.
    const at = zonedInstant(addDays(entry.deadline!, -2), '12:00', 'Asia/Shanghai');
    await o.clock.advanceTo(at);
    const doers = townshipIds.filter((_, i) => behaviours[i] === 'diligent' || (behaviours[i] === 'missesVoterList' && entry.stage !== 'voterListPublication'));
    await pool(doers, concurrency, async (id) => {
      let token = tokens.get(id);
      if (!token) tokens.set(id, (token = await o.platform.token({ role: 'township_officer', county: o.countyId, township: id })));
      await api('POST', `/townships/${id}/elections/${roundId}/stages`, token, { stage: entry.stage as StageKey, doneOn: addDays(entry.deadline!, -2), note: '按期完成' });
    });
    await o.onStep?.({ at: o.clock.now(), label: `${entry.titleZh}（截止 ${entry.deadline}）：${doers.length}/${o.townships} 个乡镇已完成` });
  }
  await o.clock.runToEnd();
  await o.onStep?.({ at: o.clock.now(), label: '全部执行结束' });
  return { roundId, townshipIds, behaviours, apiCalls };
}
