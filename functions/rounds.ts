/** Election rounds (换届选举) of the county: open, list, read, change. */
import { resolveSettings, todayIn, validatePhases, type RoundSettings } from '@township/domain';
import type { RoundRecord } from '@township/store';
import { v7 as uuidv7 } from 'uuid';
import { atField, refuseProblems } from './http/domain';
import { groupHandler } from './http/pipeline';
import { conflict, notFound, unprocessable } from './http/problem';
import { countyOf } from './http/scopes';
import { routes } from './routes';
import { roundView } from './views/round';
import { startRoundTimelines } from './workflow/executions';
import { datesKey } from './workflow/round-dates';
import { getStarter } from './workflow/starter';

/** Election day must lie ahead: a round is opened (or moved) before the voting, never after. */
function checkElectionDay(electionDay: string, timeZone: string, now: Date) {
  const today = todayIn(timeZone, now);
  if (electionDay <= today) {
    throw unprocessable(`Election day must be after today (${today}).`, [
      { field: 'body.electionDay', message: `must be after ${today}` },
    ]);
  }
}

function checkPlan(round: Pick<RoundRecord, 'electionDay' | 'phases' | 'settings'>) {
  refuseProblems(
    'body',
    validatePhases(round.phases, round.electionDay, round.settings as unknown as RoundSettings),
    "The implementation plan's phases do not fit the election day.",
  );
}

export const handler = groupHandler('rounds', routes, {
  createRound: async ({ body }, ctx) => {
    const scope = countyOf(ctx);
    checkElectionDay(body.electionDay, body.timeZone, ctx.now);
    const settings = atField('body.settings', () => resolveSettings(body.settings as Partial<RoundSettings>));
    const round: RoundRecord = {
      id: uuidv7(),
      countyId: scope.countyId,
      name: body.name,
      electionDay: body.electionDay,
      timeZone: body.timeZone,
      countyDeputyTotal: body.countyDeputyTotal ?? null,
      settings: { ...settings },
      phases: body.phases,
      version: 1,
      createdAt: ctx.mutation.at,
      updatedAt: ctx.mutation.at,
      createdBy: ctx.mutation.actor,
    };
    checkPlan(round);
    const view = roundView(round);
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.rounds.write(scope, round, { kind: 'absent' })],
      [{ chain: scope, action: 'round.create', target: `round/${round.id}`, summary: `开启选举“${round.name}”，选举日 ${round.electionDay}`, before: null, after: round }],
      { status: 201, body: view },
    );
    // One timeline execution per township election (issue 3).
    const starter = getStarter();
    if (starter) await startRoundTimelines(ctx.store, starter, round, ctx.now);
    return { status: 201, body: view };
  },

  listRounds: async ({ query }, ctx) => {
    const page = await ctx.store.rounds.list(countyOf(ctx), query);
    return { body: { ...page, items: page.items.map(roundView) } };
  },

  getRound: async ({ params }, ctx) => {
    const round = await ctx.store.rounds.get(countyOf(ctx), params.roundId);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    return { body: roundView(round) };
  },

  updateRound: async ({ params, body }, ctx) => {
    const scope = countyOf(ctx);
    const current = await ctx.store.rounds.get(scope, params.roundId);
    if (!current) throw notFound(`No round ${params.roundId}.`);
    if (ctx.ifMatch !== current.version) {
      throw conflict(`The round is at version ${current.version}, not ${ctx.ifMatch}: read it again and reapply your change.`, {
        currentVersion: current.version,
      });
    }
    const timeZone = body.timeZone ?? current.timeZone;
    if (body.electionDay !== undefined && body.electionDay !== current.electionDay) {
      checkElectionDay(body.electionDay, timeZone, ctx.now);
    }
    const settings = body.settings
      ? atField('body.settings', () => resolveSettings({ ...current.settings, ...body.settings } as Partial<RoundSettings>))
      : current.settings;
    const next: RoundRecord = {
      ...current,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.electionDay !== undefined ? { electionDay: body.electionDay } : {}),
      ...(body.countyDeputyTotal !== undefined ? { countyDeputyTotal: body.countyDeputyTotal } : {}),
      ...(body.phases !== undefined ? { phases: body.phases } : {}),
      timeZone,
      settings: { ...settings },
      version: current.version + 1,
      updatedAt: ctx.mutation.at,
    };
    checkPlan(next);
    const changed = Object.keys(body).join(', ');
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.rounds.write(scope, next, { kind: 'version', version: current.version })],
      [{ chain: scope, action: 'round.update', target: `round/${next.id}`, summary: `修改选举：${changed}`, before: current, after: next }],
    );
    // New dates: every execution is stopped and started again on them (versioned names), so that
    // deadlines that moved earlier are not missed by a Wait already under way.
    const starter = getStarter();
    if (starter && datesKey(current) !== datesKey(next)) await startRoundTimelines(ctx.store, starter, next, ctx.now);
    return { body: roundView(next) };
  },
});
