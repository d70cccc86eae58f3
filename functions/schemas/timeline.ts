/** The timeline's schemas: stage facts, the timeline view, the notifications outbox. */
import { TRACKED_STAGES } from '@township/domain';
import { z } from 'zod';
import { ActorRef, IsoDate, RoundId, Timestamp, TownshipId } from './common';

export const TimelineParams = z.strictObject({ townshipId: TownshipId, roundId: RoundId });
export const TrackedStage = z.enum(TRACKED_STAGES as unknown as [string, ...string[]]);

/** An officer records a stage done (完成) — until the capability that does it records it itself. */
export const RecordStageBody = z.strictObject({
  stage: TrackedStage,
  doneOn: IsoDate,
  note: z.string().trim().min(1).max(500),
});

export const StageFact = z.object({
  roundId: RoundId,
  townshipId: TownshipId,
  stage: z.string(),
  doneOn: IsoDate,
  note: z.string(),
  recordedAt: Timestamp,
  recordedBy: ActorRef,
  late: z.boolean(),
  /** The county's decision on a late completion (absent while it waits). */
  approval: z.object({ approved: z.boolean(), at: Timestamp, by: ActorRef, note: z.string() }).optional(),
  version: z.number().int(),
});

/** The county decides on a stage completed after its deadline (逾期完成须经县选举委员会批准). */
export const ApproveStageBody = z.strictObject({
  stage: TrackedStage,
  approved: z.boolean(),
  /** Required when refusing: why. */
  note: z.string().trim().max(500).default(''),
});

export const Notification = z.object({
  id: z.string(),
  kind: z.enum(['reminder', 'escalation', 'overdue', 'digest']),
  recipient: z.object({ name: z.string(), address: z.string() }),
  channel: z.enum(['sms', 'email', 'inbox']),
  text: z.string(),
  townshipId: z.string(),
  roundId: z.string().nullable(),
  concerns: z.object({ stage: z.string(), deadline: IsoDate, daysBefore: z.number().int().nullable() }).nullable(),
  scheduledAt: Timestamp,
  status: z.enum(['pending', 'sent']),
  sentAt: Timestamp.nullable(),
});

export const TimelineStage = z.object({
  stage: z.string(),
  titleZh: z.string(),
  title: z.string(),
  opens: IsoDate.nullable(),
  deadline: IsoDate,
  article: z.string(),
  status: z.enum(['not_started', 'in_progress', 'done', 'overdue', 'awaiting_approval']),
  doneOn: IsoDate.nullable(),
  /** Done after the deadline: needs the county's approval (DOMAIN.md). */
  late: z.boolean(),
  /** Waiting for the county: a submitted division, or a late completion not yet decided. */
  awaitingApproval: z.enum(['division', 'lateCompletion']).nullable(),
  approval: z.object({ approved: z.boolean(), at: Timestamp, note: z.string() }).nullable(),
  remindersSent: z.array(z.object({ daysBefore: z.number().int().nullable(), scheduledAt: Timestamp, sentAt: Timestamp.nullable() })),
  escalated: z.boolean(),
});

export const Timeline = z.object({
  townshipId: TownshipId,
  roundId: RoundId,
  electionDay: IsoDate,
  timeZone: z.string(),
  today: IsoDate,
  stages: z.array(TimelineStage),
  execution: z
    .object({
      name: z.string(),
      status: z.enum(['running', 'succeeded', 'stopped', 'failed']),
      /** On these dates (false: started on dates the county has since changed; a new one takes over). */
      current: z.boolean(),
      nextWakeAt: Timestamp.nullable(),
      lastWakeAt: Timestamp.nullable(),
      startedAt: Timestamp,
      /** The state it is in where the runner knows it (locally), e.g. `AwaitApproval`; null in AWS. */
      state: z.string().nullable(),
    })
    .nullable(),
});
