/** A township's view of an election round: its seats, legal timeline and current stage. */
import { computeTimeline, currentStage, todayIn, type RoundSettings } from '@township/domain';
import { countyOf as countyOfScope } from '@township/store';
import { groupHandler } from './http/pipeline';
import { notFound } from './http/problem';
import { townshipOf } from './http/scopes';
import { routes } from './routes';

export const handler = groupHandler('elections', routes, {
  getTownshipElection: async ({ params }, ctx) => {
    const { scope, township } = townshipOf(ctx);
    const county = countyOfScope(scope);
    const [round, apportionment] = await Promise.all([
      ctx.store.rounds.get(county, params.roundId),
      ctx.store.apportionments.get(county, params.roundId),
    ]);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    const timeline = computeTimeline(round.electionDay, round.settings as unknown as RoundSettings, round.phases);
    const today = todayIn(round.timeZone, ctx.now);
    const seats = apportionment?.view.allocations.find((a) => a.townshipId === township.id)?.seats ?? null;
    return {
      body: {
        townshipId: township.id,
        townshipName: township.name,
        roundId: round.id,
        roundName: round.name,
        electionDay: round.electionDay,
        timeZone: round.timeZone,
        today,
        seats,
        apportionmentStatus: apportionment ? 'confirmed' : 'not-confirmed',
        currentStage: currentStage(timeline, today),
        timeline,
      },
    };
  },
});
