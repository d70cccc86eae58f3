/**
 * Statistics of a township's roll: registered voters per district, by sex, ethnicity and age
 * band on election day, those not on the list by reason, and the township's conflicts open and
 * resolved. Read from the voters of each district (a projection of five attributes); a district
 * officer gets their own districts' figures.
 */
import { emptyRollCounts, countVoter, type RollCounts, type StatVoter } from '@township/domain';
import { groupHandler } from './http/pipeline';
import { townshipRound, visibleDistricts } from './roll/round';
import { routes } from './routes';

const ATTRIBUTES = ['districtId', 'sex', 'ethnicity', 'birthDate', 'status'] as const;

export const handler = groupHandler('statistics', routes, {
  getRollStatistics: async ({ params }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const districts = visibleDistricts(ctx, await ctx.store.districts.list(tr.scope, params.roundId));
    const total: RollCounts = emptyRollCounts();
    const perDistrict = await Promise.all(
      districts.map(async (d) => {
        const counts = emptyRollCounts();
        await ctx.store.voters.forEach(tr.scope, params.roundId, d.id, ATTRIBUTES, (item) => {
          countVoter(counts, item as unknown as StatVoter, tr.round.electionDay);
          countVoter(total, item as unknown as StatVoter, tr.round.electionDay);
        });
        return { districtId: d.id, districtName: d.name, ...counts };
      }),
    );
    const conflicts = { open: 0, resolved: 0 };
    if (ctx.principal?.role !== 'district_officer') {
      let cursor: string | undefined;
      do {
        const page = await ctx.store.voters.conflictsOfTownship(tr.scope, params.roundId, { limit: 200, ...(cursor ? { cursor } : {}) });
        for (const c of page.items) conflicts[c.status] += 1;
        cursor = page.nextCursor;
      } while (cursor);
    }
    return { body: { townshipId: tr.township.id, roundId: tr.round.id, electionDay: tr.round.electionDay, total, districts: perDistrict, conflicts } };
  },
});
