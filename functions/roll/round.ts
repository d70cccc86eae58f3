/**
 * What every voter-roll route needs first: the township's round, its legal timeline, today's
 * date in the round's time zone and the township's seats from the confirmed allocation.
 */
import { computeTimeline, todayIn, type RoundSettings, type TimelineEntry } from '@township/domain';
import { countyOf, type RoundRecord, type TownshipRecord, type TownshipScope } from '@township/store';
import type { RequestContext } from '../http/context';
import { forbidden, notFound } from '../http/problem';
import { townshipOf } from '../http/scopes';

export interface TownshipRound {
  scope: TownshipScope;
  township: TownshipRecord;
  round: RoundRecord;
  settings: RoundSettings;
  timeline: TimelineEntry[];
  today: string;
  /** Null until the county confirms the allocation. */
  seats: number | null;
}

export async function townshipRound(ctx: RequestContext, roundId: string): Promise<TownshipRound> {
  const { scope, township } = townshipOf(ctx);
  const county = countyOf(scope);
  const [round, apportionment] = await Promise.all([ctx.store.rounds.get(county, roundId), ctx.store.apportionments.get(county, roundId)]);
  if (!round) throw notFound(`No round ${roundId}.`);
  const settings = round.settings as unknown as RoundSettings;
  return {
    scope,
    township,
    round,
    settings,
    timeline: computeTimeline(round.electionDay, settings, round.phases),
    today: todayIn(round.timeZone, ctx.now),
    seats: apportionment?.view.allocations.find((a) => a.townshipId === township.id)?.seats ?? null,
  };
}

/** A district officer (选区工作组) acts in the districts of their claims only. */
export function assertDistrict(ctx: RequestContext, districtId: string): void {
  if (ctx.principal?.role === 'district_officer' && !ctx.principal.districts.includes(districtId)) {
    throw forbidden('District officers reach their own districts only.');
  }
}

/** The districts a caller may see: all, or a district officer's own. */
export function visibleDistricts<T extends { id: string }>(ctx: RequestContext, districts: readonly T[]): T[] {
  if (ctx.principal?.role !== 'district_officer') return [...districts];
  const mine = new Set(ctx.principal.districts);
  return districts.filter((d) => mine.has(d.id));
}
