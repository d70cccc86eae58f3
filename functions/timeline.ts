/**
 * A township's timeline (选举工作进度): each deadline with its status and the reminders sent, and
 * the stage facts officers record until the capabilities that do the work record them.
 */
import {
  awaitingApproval,
  compareDates,
  computeTimeline,
  currentStage,
  stageStatus,
  todayIn,
  TRACKED_STAGES,
  type RoundSettings,
  type StageFact,
  type StageKey,
} from '@township/domain';
import { countyOf as countyOfScope, type StageFactRecord } from '@township/store';
import { groupHandler } from './http/pipeline';
import { conflict, notFound, unprocessable } from './http/problem';
import { townshipOf } from './http/scopes';
import { routes } from './routes';
import { resumeAfterDecision } from './workflow/approval';
import { deadlineRecords } from './workflow/deadlines';
import { datesKey } from './workflow/round-dates';
import { getStarter } from './workflow/starter';

export const handler = groupHandler('timeline', routes, {
  getTimeline: async ({ params }, ctx) => {
    const { scope, township } = townshipOf(ctx);
    const round = await ctx.store.rounds.get(countyOfScope(scope), params.roundId);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    const [facts, notifications, execution, division] = await Promise.all([
      ctx.store.stages.list(scope, round.id),
      ctx.store.notifications.all(scope),
      ctx.store.executions.get(scope, round.id),
      ctx.store.divisions.get(scope, round.id),
    ]);
    const timeline = computeTimeline(round.electionDay, round.settings as unknown as RoundSettings, round.phases);
    const today = todayIn(round.timeZone, ctx.now);
    const current = currentStage(timeline, today);
    const factOf = new Map(facts.map((f) => [f.stage, f]));
    const awaiting = new Map(
      awaitingApproval(
        facts.map((f): StageFact => ({ stage: f.stage as StageKey, doneOn: f.doneOn, late: f.late, ...(f.approval ? { approval: f.approval } : {}) })),
        division ? { status: division.status } : undefined,
      ).map((a) => [a.stage, a.kind]),
    );
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
          status: awaiting.has(e.stage) ? ('awaiting_approval' as const) : stageStatus(e, refused(fact) ? undefined : fact?.doneOn, today, current),
          doneOn: refused(fact) ? null : (fact?.doneOn ?? null),
          late: fact?.late ?? false,
          awaitingApproval: awaiting.get(e.stage) ?? null,
          approval: fact?.approval ? { approved: fact.approval.approved, at: fact.approval.at, note: fact.approval.note } : null,
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
              state: (execution.executionId && getStarter()?.stateOf?.(execution.executionId)) || null,
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
    const existing = await ctx.store.stages.get(scope, round.id, body.stage);
    // A late completion the county refused may be recorded again (done properly this time).
    if (existing && !refused(existing)) {
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
      version: (existing?.version ?? 0) + 1,
    };
    const late = fact.late ? `（逾期完成，截止 ${entry.deadline}，须经县选举委员会批准）` : '';
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.stages.write(scope, fact, existing ? { kind: 'version', version: existing.version } : { kind: 'absent' })],
      [{ chain: scope, action: 'stage.done', target: `round/${round.id}/stage/${body.stage}`, summary: `“${entry.titleZh}”于 ${body.doneOn} 完成${late}：${body.note}`, before: null, after: fact }],
      { status: 201, body: fact },
    );
    // The deadline leaves the due index (the digest reads only unmet ones).
    const [deadline] = deadlineRecords([entry], { [body.stage as StageKey]: body.doneOn }, { countyId: round.countyId, townshipId: township.id, roundId: round.id, datesKey: datesKey(round) }, round.timeZone, ctx.now);
    if (deadline) await ctx.store.deadlines.put(scope, deadline);
    return { status: 201, body: fact };
  },

  approveStage: async ({ params, body }, ctx) => {
    const { scope, township } = townshipOf(ctx);
    const round = await ctx.store.rounds.get(countyOfScope(scope), params.roundId);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    const fact = await ctx.store.stages.get(scope, round.id, body.stage);
    if (!fact) throw notFound(`Stage ${body.stage} is not recorded done for this round.`);
    if (!fact.late) throw conflict(`Stage ${body.stage} was done on time (${fact.doneOn}): there is nothing to approve.`);
    if (fact.approval) throw conflict(`The county has decided already: ${fact.approval.approved ? 'approved' : 'refused'} on ${fact.approval.at}.`);
    if (!body.approved && !body.note) {
      throw unprocessable('Say why when refusing a late completion.', [{ field: 'body.note', message: 'required when approved is false' }]);
    }
    const next: StageFactRecord = { ...fact, approval: { approved: body.approved, at: ctx.mutation.at, by: ctx.mutation.actor, note: body.note }, version: fact.version + 1 };
    const entry = computeTimeline(round.electionDay, round.settings as unknown as RoundSettings, round.phases).find((e) => e.stage === body.stage);
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.stages.write(scope, next, { kind: 'version', version: fact.version })],
      [
        {
          chain: scope,
          action: body.approved ? 'stage.late.approve' : 'stage.late.refuse',
          target: `round/${round.id}/stage/${body.stage}`,
          summary: `县选举委员会${body.approved ? '批准' : '不批准'}“${entry?.titleZh ?? body.stage}”逾期完成（${fact.doneOn}）${body.note ? `：${body.note}` : ''}`,
          before: fact,
          after: next,
        },
      ],
    );
    // Refused: the deadline is unmet again, and in the due index as such.
    if (!body.approved && entry?.deadline) {
      const [deadline] = deadlineRecords([entry], {}, { countyId: round.countyId, townshipId: township.id, roundId: round.id, datesKey: datesKey(round) }, round.timeZone, ctx.now);
      if (deadline) await ctx.store.deadlines.put(scope, { ...deadline, status: 'overdue' });
    }
    await resumeAfterDecision(ctx.store, round.countyId, township.id, round.id);
    return { body: next };
  },
});

const refused = (fact: StageFactRecord | undefined) => fact?.approval?.approved === false;
