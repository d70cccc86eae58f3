/**
 * Stages that wait for the county election committee's decision (县选举委员会审批): the district
 * division a township has submitted (EL 25 — the county approves the division and the seats of
 * each district), and a stage completed after its deadline (逾期完成), which DOMAIN.md's timeline
 * lets stand only with the county's approval. Pure: the caller passes the recorded facts.
 */
import type { IsoDate } from './dates';
import type { DoneFacts } from './reminders';
import type { StageKey } from './stages';

/** What the timeline knows of a stage recorded done. */
export interface StageFact {
  stage: StageKey;
  doneOn: IsoDate;
  /** Recorded after the stage's deadline. */
  late: boolean;
  /** The county's decision on a late completion; absent while it waits. */
  approval?: { approved: boolean };
}

/** The township's division as the roll capability records it. */
export interface DivisionState {
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  /** The date (county time) it was submitted. */
  submittedOn?: IsoDate;
}

export type Awaiting = { stage: StageKey; kind: 'division' | 'lateCompletion' };

/**
 * The stages done as far as reminders and deadline checks go: on-time facts, late ones not refused
 * (a late completion waiting for the county is not reminded again: the township has done its part),
 * and a submitted division (done on its submission date) while the county decides. A refused late
 * completion is not done.
 */
export function effectiveDone(facts: readonly StageFact[], division?: DivisionState): DoneFacts {
  const done: DoneFacts = {};
  for (const f of facts) if (f.approval?.approved !== false) done[f.stage] = f.doneOn;
  if (division?.status === 'submitted' && division.submittedOn && done.districtDivision === undefined) done.districtDivision = division.submittedOn;
  return done;
}

/** What waits for the county's decision now, in the order the county should take it: the division first. */
export function awaitingApproval(facts: readonly StageFact[], division?: DivisionState): Awaiting[] {
  const out: Awaiting[] = [];
  if (division?.status === 'submitted' && !facts.some((f) => f.stage === 'districtDivision' && f.approval?.approved !== false)) {
    out.push({ stage: 'districtDivision', kind: 'division' });
  }
  for (const f of facts) if (f.late && !f.approval) out.push({ stage: f.stage, kind: 'lateCompletion' });
  return out;
}

/**
 * How long an execution may wait for a decision before it must wake for its next reminder or
 * deadline check: whole seconds until `wakeAt`, at least 1 (Step Functions' TimeoutSecondsPath),
 * at most `cap` (then the execution plans again and waits anew; locally, Node's timers hold at
 * most 24.8 days). Null when there is nothing to wait for, the wake-up is due, or nothing is left
 * to wake for: an execution ends with its timeline, and a decision taken later still counts (the
 * facts carry it; the timeline view shows what is still awaiting the county).
 */
export function approvalWaitSeconds(awaiting: readonly Awaiting[], wakeAt: string | null, now: Date, cap = 1_000_000): number | null {
  if (!awaiting.length || wakeAt === null) return null;
  const seconds = Math.floor((Date.parse(wakeAt) - now.getTime()) / 1000);
  return seconds >= 1 ? Math.min(seconds, cap) : null;
}
