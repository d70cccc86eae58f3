/**
 * What a task knows about its township election when it runs: the round's current dates, the
 * township, the stage facts, and the reminder/deadline events of the timeline. Read fresh at every
 * task, so a task never acts on dates the county has since changed.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  awaitingApproval,
  computeTimeline,
  effectiveDone,
  timelineEvents,
  todayIn,
  type Awaiting,
  type DivisionState,
  type DoneFacts,
  type RoundSettings,
  type StageFact,
  type StageKey,
  type TimelineEntry,
  type TimelineEvent,
} from '@township/domain';
import { countyScope, townshipScope, type ElectionStore, type RoundRecord, type StageFactRecord, type TownshipRecord, type TownshipScope } from '@township/store';
import type { ExecutionRef } from './types';

/**
 * The fingerprint of everything the timeline's instants depend on. An execution started on other
 * dates is stale: it stops acting, so no reminder for a stale date is ever sent.
 */
export function datesKey(round: Pick<RoundRecord, 'electionDay' | 'timeZone' | 'settings' | 'phases'>): string {
  return createHash('sha256')
    .update(canonicalize({ e: round.electionDay, tz: round.timeZone, s: round.settings, p: round.phases }) ?? '')
    .digest('hex')
    .slice(0, 16);
}

export interface ElectionFacts {
  scope: TownshipScope;
  round: RoundRecord;
  township: TownshipRecord;
  timeline: TimelineEntry[];
  events: TimelineEvent[];
  facts: StageFactRecord[];
  done: DoneFacts;
  /** What waits for the county's decision (a submitted division, a late completion). */
  awaiting: Awaiting[];
  /** The round's dates are no longer the ones the execution was started on (or it is gone). */
  stale: boolean;
}

export async function loadFacts(store: ElectionStore, ref: ExecutionRef): Promise<ElectionFacts | { stale: true }> {
  const scope = townshipScope(ref.countyId, ref.townshipId);
  const [round, township, facts, division] = await Promise.all([
    store.rounds.get(countyScope(ref.countyId), ref.roundId),
    store.townships.get(scope),
    store.stages.list(scope, ref.roundId),
    store.divisions.get(scope, ref.roundId),
  ]);
  if (!round || !township || datesKey(round) !== ref.datesKey) return { stale: true };
  const settings = round.settings as unknown as RoundSettings;
  const timeline = computeTimeline(round.electionDay, settings, round.phases);
  const stageFacts = facts.map((f): StageFact => ({ stage: f.stage as StageKey, doneOn: f.doneOn, late: f.late, ...(f.approval ? { approval: f.approval } : {}) }));
  const divisionState: DivisionState | undefined = division
    ? { status: division.status, ...(division.submitted ? { submittedOn: todayIn(round.timeZone, new Date(division.submitted.at)) } : {}) }
    : undefined;
  return {
    scope,
    round,
    township,
    timeline,
    events: timelineEvents(timeline, settings, round.timeZone),
    facts,
    done: effectiveDone(stageFacts, divisionState),
    awaiting: awaitingApproval(stageFacts, divisionState),
    stale: false,
  };
}
