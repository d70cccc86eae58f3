/**
 * A township's timeline (选举工作进度): each deadline with its status and the reminders sent, and
 * the stage facts officers record until the capabilities that do the work record them.
 */
import { compareDates, computeTimeline, currentStage, stageStatus, todayIn, TRACKED_STAGES, type RoundSettings, type StageKey } from '@township/domain';
import { countyOf as countyOfScope, type StageFactRecord } from '@township/store';
import { groupHandler } from './http/pipeline';
import { conflict, notFound, unprocessable } from './http/problem';
import { townshipOf } from './http/scopes';
import { routes } from './routes';
import { deadlineRecords } from './workflow/deadlines';
import { datesKey } from './workflow/round-dates';

export const handler = groupHandler('timeline', routes, {
  getTimeline: async ({ params }, ctx) => {
    const { scope, township } = townshipOf(ctx);
    const round = await ctx.store.rounds.get(countyOfScope(scope), params.roundId);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    const [facts, notifications, execution] = await Promise.all([
      ctx.store.stages.list(scope, round.id),
      ctx.store.notifications.all(scope),
      ctx.store.executions.get(scope, round.id),
    ]);
    const timeline = computeTimeline(round.electionDay, round.settings as unknown as RoundSettings, round.phases);
    const today = todayIn(round.timeZone, ctx.now);
    const current = currentStage(timeline, today);
    const factOf = new Map(facts.map((f) => [f.stage, f]));
    const stages = timeline
      .filter((e): e is typeof e & { deadline: string } => TRACKED_STAGES.includes(e.stage) && e.deadline !== null)
      .map((e) => {
        const fact = factOf.get(e.stage);
        const mine = notifications.filter((n) => n.roundId === round.id && n.concerns?.stage === e.stage && n.concerns.deadline === e.deadline);
        const reminders = new Map<string, { daysBefore: number | null; scheduledAt: string; sentAt: string | null }>();
        for (const n of mine) {
          if (n.kind === 'reminder' && n.status === 'sent') reminders.set(n.scheduledAt, { daysBefore: n.concerns?.daysBefore ?? null, scheduledAt: n.scheduledAt, sentAt: n.sentAt });
        }
        return {
          stage: e.stage,
          titleZh: e.titleZh,
          title: e.title,
          opens: e.opens,
          deadline: e.deadline,
          article: e.article,
          status: stageStatus(e, fact?.doneOn, today, current),
          doneOn: fact?.doneOn ?? null,
          late: fact?.late ?? false,
          remindersSent: [...reminders.values()].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt)),
          escalated: mine.some((n) => n.kind === 'overdue'),
        };
      });
    return {
      body: {
        townshipId: township.id,
        roundId: round.id,
        electionDay: round.electionDay,
        timeZone: round.timeZone,
        today,
        stages,
        execution: execution
          ? {
              name: execution.name,
              status: execution.status,
              current: execution.datesKey === datesKey(round),
              nextWakeAt: execution.nextWakeAt,
              lastWakeAt: execution.lastWakeAt,
              startedAt: execution.startedAt,
            }
          : null,
      },
    };
  },

  recordStage: async ({ params, body }, ctx) => {
    const { scope, township } = townshipOf(ctx);
    const round = await ctx.store.rounds.get(countyOfScope(scope), params.roundId);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    const timeline = computeTimeline(round.electionDay, round.settings as unknown as RoundSettings, round.phases);
    const entry = timeline.find((e) => e.stage === body.stage);
    if (!entry || entry.deadline === null) {
      throw unprocessable(`Round ${round.id} has no stage ${body.stage}: its implementation plan sets no such phase.`, [
        { field: 'body.stage', message: 'not a stage of this round' },
      ]);
    }
    const today = todayIn(round.timeZone, ctx.now);
    if (compareDates(body.doneOn, today) > 0) {
      throw unprocessable(`A stage cannot be recorded done on a future date (today is ${today}).`, [{ field: 'body.doneOn', message: `must be ${today} or earlier` }]);
    }
    if (await ctx.store.stages.get(scope, round.id, body.stage)) {
      throw conflict(`Stage ${body.stage} is already recorded done for this round.`);
    }
    const fact: StageFactRecord = {
      roundId: round.id,
      townshipId: township.id,
      stage: body.stage,
      doneOn: body.doneOn,
      note: body.note,
      recordedAt: ctx.mutation.at,
      recordedBy: ctx.mutation.actor,
      late: compareDates(body.doneOn, entry.deadline) > 0,
      version: 1,
    };
    const late = fact.late ? `（逾期完成，截止 ${entry.deadline}，须经县选举委员会批准）` : '';
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.stages.write(scope, fact, { kind: 'absent' })],
      [{ chain: scope, action: 'stage.done', target: `round/${round.id}/stage/${body.stage}`, summary: `“${entry.titleZh}”于 ${body.doneOn} 完成${late}：${body.note}`, before: null, after: fact }],
      { status: 201, body: fact },
    );
    // The deadline leaves the due index (the digest reads only unmet ones).
    const [deadline] = deadlineRecords([entry], { [body.stage as StageKey]: body.doneOn }, { countyId: round.countyId, townshipId: township.id, roundId: round.id, datesKey: datesKey(round) }, round.timeZone, ctx.now);
    if (deadline) await ctx.store.deadlines.put(scope, deadline);
    return { status: 201, body: fact };
  },
});
