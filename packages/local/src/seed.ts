/**
 * Demo data, written through the API itself with a county admin token, so that the real handlers
 * validate every piece of it: the county 临江县 (330999) with 24 townships, an open election
 * round with its implementation plan, and the confirmed allocation of county deputies.
 * Every POST carries an `Idempotency-Key`, and every step first looks whether it is done, so a
 * seed that crashed half-way can simply run again.
 */
import type { z } from 'zod';
import type { CreateRoundBody } from '../../../functions/schemas/rounds';
import type { CreateTownshipBody } from '../../../functions/schemas/townships';
import { DEMO_COUNTY } from './issuer';

export { DEMO_COUNTY };
export const DEMO_COUNTY_NAME = '临江县';

type TownshipInput = z.input<typeof CreateTownshipBody>;
type RoundInput = z.input<typeof CreateRoundBody>;

const OFFICE = '乡镇选举工作领导小组办公室';

/** [name, kind, registered 户籍人口, resident 常住人口, officers] — fictional, deterministic. */
const TOWNSHIPS: ReadonlyArray<readonly [string, TownshipInput['kind'], number, number, readonly string[]]> = [
  ['城关街道', 'subdistrict', 68_420, 79_650, ['周建华', '林晓燕']],
  ['江滨街道', 'subdistrict', 52_310, 61_870, ['陈国强']],
  ['东湖镇', 'town', 47_850, 44_120, ['王立新', '徐丽萍']],
  ['白沙镇', 'town', 39_260, 35_480, ['张志远']],
  ['青石镇', 'town', 33_740, 30_950, ['李春梅', '郑海涛']],
  ['石门镇', 'town', 28_910, 25_630, ['吴振华']],
  ['桃源镇', 'town', 31_580, 29_040, ['黄秀英']],
  ['龙泉镇', 'town', 42_170, 39_860, ['朱明辉', '方晓琳']],
  ['新塘镇', 'town', 26_430, 23_190, ['何建军']],
  ['清溪镇', 'town', 24_860, 21_770, ['叶文斌']],
  ['马头镇', 'town', 22_390, 19_540, ['潘玉兰', '蒋卫东']],
  ['高桥镇', 'town', 35_020, 33_310, ['沈伟']],
  ['双峰镇', 'town', 19_780, 16_920, ['杨光明']],
  ['柳林镇', 'town', 21_640, 18_830, ['许红霞', '罗志刚']],
  ['大洋镇', 'town', 17_350, 14_260, ['金海燕']],
  ['溪口乡', 'township', 12_480, 9_870, ['胡德胜']],
  ['古竹乡', 'township', 9_760, 7_640, ['曹丽华', '邱建平']],
  ['黄坛乡', 'township', 11_230, 8_910, ['孙家宝']],
  ['岭下乡', 'township', 8_640, 6_820, ['彭晓东']],
  ['梅岙乡', 'township', 10_150, 8_030, ['蔡文静', '程永福']],
  ['金竹乡', 'township', 7_920, 6_150, ['邓春生']],
  ['上坪乡', 'township', 8_310, 6_480, ['谢桂芳']],
  ['莲花畲族乡', 'ethnic_township', 9_470, 7_360, ['蓝志强', '雷小红']],
  ['竹溪畲族乡', 'ethnic_township', 7_580, 6_040, ['钟永明']],
];

/** The demo townships, ids 330999101, 330999102, … in the order above. */
export const DEMO_TOWNSHIPS: readonly TownshipInput[] = TOWNSHIPS.map(([name, kind, registered, resident, officers], i) => ({
  id: `${DEMO_COUNTY}${String(101 + i)}`,
  name,
  kind,
  population: { registered, resident },
  officers: officers.map((officer, j) => ({
    name: officer,
    title: j === 0 ? `${OFFICE}主任` : `${OFFICE}副主任`,
    phone: `0570-555${String(1000 + i * 10 + j)}`,
  })),
}));

export const FIRST_DEMO_TOWNSHIP = DEMO_TOWNSHIPS[0]!.id;

const ROUND_YEAR = 2026;

/**
 * The demo round: election day 2026-12-15 and its plan; moved on by whole years when that day is
 * no longer ahead (the API opens rounds only for a future election day), so the demo keeps working.
 */
export function demoRound(today = new Date()): RoundInput {
  const todayInShanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(today);
  let shift = 0;
  while (`${ROUND_YEAR + shift}-12-15` <= todayInShanghai) shift++;
  const y = ROUND_YEAR + shift;
  return {
    name: `${DEMO_COUNTY_NAME}${y}年县乡两级人民代表大会换届选举`,
    electionDay: `${y}-12-15`,
    timeZone: 'Asia/Shanghai',
    countyDeputyTotal: 250,
    phases: [
      { key: 'preparation', start: `${y}-10-08`, end: `${y}-10-31` },
      { key: 'districtDivision', start: `${y}-11-01`, end: `${y}-11-15` },
      { key: 'registration', start: `${y}-11-10`, end: `${y}-11-24` },
    ],
  };
}

export class SeedError extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`seed: ${step} answered ${status}: ${typeof problem === 'string' ? problem : JSON.stringify(problem)}`);
    this.name = 'SeedError';
  }
}

export interface SeedOptions {
  /** The API's base URL. */
  url: string;
  /** A county admin token of the demo county. */
  token: string;
  /** Seed even though the county has townships already (to complete a seed that crashed). */
  force?: boolean;
  log?: (line: string) => void;
  now?: Date;
}

export interface SeedResult {
  seeded: boolean;
  townshipsCreated: number;
  roundId?: string;
  seatsAllocated?: number;
}

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const api = client(options.url, options.token);

  const existing = await api.all<{ id: string }>('/county/townships');
  if (existing.length > 0 && !options.force) {
    log(`seed: county ${DEMO_COUNTY} has ${existing.length} townships already; nothing seeded`);
    return { seeded: false, townshipsCreated: 0 };
  }

  const have = new Set(existing.map((t) => t.id));
  let townshipsCreated = 0;
  for (const township of DEMO_TOWNSHIPS) {
    if (have.has(township.id)) continue;
    const res = await api.send('POST', '/county/townships', township, `seed-township-${township.id}`);
    if (res.status === 201) townshipsCreated++;
    else if (!(res.status === 409)) throw new SeedError(`create township ${township.id}`, res.status, res.body);
  }
  log(`seed: ${townshipsCreated} townships registered`);

  const plan = demoRound(options.now);
  const rounds = await api.all<{ id: string; name: string }>('/county/rounds');
  let roundId = rounds.find((r) => r.name === plan.name)?.id;
  if (!roundId) {
    const res = await api.send('POST', '/county/rounds', plan, `seed-round-${plan.electionDay}`);
    if (res.status !== 201) throw new SeedError('create round', res.status, res.body);
    roundId = (res.body as { id: string }).id;
    log(`seed: round "${plan.name}" opened, election day ${plan.electionDay}`);
  }

  const apportionmentPath = `/county/rounds/${roundId}/apportionment`;
  const confirmed = await api.send('GET', apportionmentPath);
  let seatsAllocated: number;
  if (confirmed.status === 200) {
    seatsAllocated = (confirmed.body as { total: number }).total;
  } else {
    const proposal = await api.send('POST', apportionmentPath, {}, `seed-apportionment-proposal-${roundId}`);
    if (proposal.status !== 200) throw new SeedError('propose apportionment', proposal.status, proposal.body);
    const confirm = await api.send('PUT', apportionmentPath, { overrides: [] });
    if (confirm.status !== 200) throw new SeedError('confirm apportionment', confirm.status, confirm.body);
    seatsAllocated = (confirm.body as { total: number }).total;
    log(`seed: ${seatsAllocated} county deputies allocated to ${DEMO_TOWNSHIPS.length} townships`);
  }
  return { seeded: true, townshipsCreated, roundId, seatsAllocated };
}

function client(base: string, token: string) {
  const send = async (method: string, path: string, body?: unknown, idempotencyKey?: string) => {
    const res = await fetch(new URL(path, base), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body: parsed };
  };
  return {
    send,
    /** Every item of a paginated list. */
    async all<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let cursor: string | undefined;
      do {
        const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
        const res = await send('GET', `${path}?${query}`);
        if (res.status !== 200) throw new SeedError(`GET ${path}`, res.status, res.body);
        const page = res.body as Page<T>;
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  };
}
