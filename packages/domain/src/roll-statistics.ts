/**
 * Statistics of the roll for the township and the county (选民登记统计): registered voters by
 * district, sex, ethnicity and age band on election day, and those not on the list by reason —
 * the figures the county's registration summary asks for (DOMAIN.md "What real systems offer").
 */
import { ageOn } from './eligibility';
import type { IsoDate } from './dates';

export const AGE_BANDS = ['18-35', '36-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(birthDate: IsoDate, electionDay: IsoDate): AgeBand {
  const age = ageOn(birthDate, electionDay);
  return age <= 35 ? '18-35' : age <= 59 ? '36-59' : '60+';
}

export interface StatVoter {
  districtId: string;
  sex: 'male' | 'female';
  ethnicity: string;
  birthDate: IsoDate;
  /** `registered` is on the list; anything else is a reason for not being on it. */
  status: string;
}

export interface RollCounts {
  registered: number;
  bySex: { male: number; female: number };
  byEthnicity: Record<string, number>;
  byAgeBand: Record<AgeBand, number>;
  /** Not on the list, by reason (deceased, moved_away, deprived, unable, suspended, elsewhere). */
  notOnList: Record<string, number>;
}

const empty = (): RollCounts => ({ registered: 0, bySex: { male: 0, female: 0 }, byEthnicity: {}, byAgeBand: { '18-35': 0, '36-59': 0, '60+': 0 }, notOnList: {} });

/** Adds one voter to the counts (mutates `counts`: called once per voter of a large roll). */
export function countVoter(counts: RollCounts, v: StatVoter, electionDay: IsoDate): void {
  if (v.status !== 'registered') {
    counts.notOnList[v.status] = (counts.notOnList[v.status] ?? 0) + 1;
    return;
  }
  counts.registered += 1;
  counts.bySex[v.sex] += 1;
  const ethnicity = v.ethnicity || '未填';
  counts.byEthnicity[ethnicity] = (counts.byEthnicity[ethnicity] ?? 0) + 1;
  counts.byAgeBand[ageBand(v.birthDate, electionDay)] += 1;
}

/** Counts per district and in total. */
export function rollStatistics(voters: Iterable<StatVoter>, electionDay: IsoDate): { total: RollCounts; districts: Record<string, RollCounts> } {
  const total = empty();
  const districts: Record<string, RollCounts> = {};
  for (const v of voters) {
    countVoter(total, v, electionDay);
    countVoter((districts[v.districtId] ??= empty()), v, electionDay);
  }
  return { total, districts };
}

export const emptyRollCounts = empty;

/** The sum of several townships' (or districts') counts: the county's figures. */
export function sumRollCounts(parts: Iterable<RollCounts>): RollCounts {
  const total = empty();
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  };
  for (const c of parts) {
    total.registered += c.registered;
    total.bySex.male += c.bySex.male;
    total.bySex.female += c.bySex.female;
    add(total.byEthnicity, c.byEthnicity);
    add(total.byAgeBand, c.byAgeBand);
    add(total.notOnList, c.notOnList);
  }
  return total;
}
