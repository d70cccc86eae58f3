/**
 * Statistics of the roll (选民登记统计): registered voters per district, by sex, ethnicity and age
 * band on election day, those not on the list by reason, conflicts open and resolved.
 *
 * A township's figures are counted from its voters (a district officer gets their own districts');
 * the full count is kept as the township's snapshot. The county's figures are the sum of its
 * townships' snapshots (one Query of the county index, never a Scan, never a million voters read
 * at request time), each marked stale when the township has changed since it was counted.
 */
import { sumRollCounts } from '@township/domain';
import type { StatisticsSnapshot } from '@township/store';
import { groupHandler } from './http/pipeline';
import { notFound } from './http/problem';
import { countyOf } from './http/scopes';
import { townshipRound, visibleDistricts } from './roll/round';
import { countConflicts, countRoll, snapshotOf } from './roll/statistics';
import { routes } from './routes';
import { townshipScope } from '@township/store';

export const handler = groupHandler('statistics', routes, {
  getRollStatistics: async ({ params }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const all = await ctx.store.districts.list(tr.scope, params.roundId);
    const districts = visibleDistricts(ctx, all);
    const partial = districts.length !== all.length;
    const counts = await countRoll(ctx.store, tr.scope, tr.round, districts);
    const conflicts = partial ? { open: 0, resolved: 0 } : await countConflicts(ctx.store, tr.scope, params.roundId);
    // The whole township counted: keep it for the county's view.
    if (!partial) await snapshotOf(ctx.store, tr.scope, tr.township, tr.round, { ...counts, conflicts }, ctx.now);
    return { body: { townshipId: tr.township.id, roundId: tr.round.id, electionDay: tr.round.electionDay, ...counts, conflicts } };
  },

  getCountyRollStatistics: async ({ params }, ctx) => {
    const county = countyOf(ctx);
    const round = await ctx.store.rounds.get(county, params.roundId);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    const [townships, snapshots] = await Promise.all([ctx.store.townships.all(county), ctx.store.rollStatistics.listForCounty(county, round.id)]);
    const byTownship = new Map<string, StatisticsSnapshot>(snapshots.map((s) => [s.townshipId, s]));
    const rows = await Promise.all(
      townships.map(async (t) => {
        const snapshot = byTownship.get(t.id);
        if (!snapshot) return { townshipId: t.id, townshipName: t.name, counted: false as const };
        const head = await ctx.store.audit.head(townshipScope(county.countyId, t.id));
        return {
          townshipId: t.id,
          townshipName: t.name,
          counted: true as const,
          asOf: snapshot.asOf,
          stale: (head?.seq ?? 0) > snapshot.chainSeq,
          total: snapshot.total,
          districts: snapshot.districts,
          conflicts: snapshot.conflicts,
        };
      }),
    );
    const counted = rows.filter((r) => r.counted);
    return {
      body: {
        countyId: county.countyId,
        roundId: round.id,
        electionDay: round.electionDay,
        total: sumRollCounts(counted.map((r) => r.total)),
        conflicts: counted.reduce((c, r) => ({ open: c.open + r.conflicts.open, resolved: c.resolved + r.conflicts.resolved }), { open: 0, resolved: 0 }),
        townships: rows,
        notCounted: rows.filter((r) => !r.counted).map((r) => r.townshipId),
        stale: counted.filter((r) => r.stale).map((r) => r.townshipId),
      },
    };
  },
});
