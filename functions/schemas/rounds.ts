/** An election round (换届选举): election day, deputy total, rule settings and the county's plan. */
import { z } from 'zod';
import { ActorRef, CountyId, IsoDate, RoundId, Timestamp, TimeZone, Version } from './common';

/** The rule settings of DOMAIN.md; every field defaults to the national rule (`NATIONAL_DEFAULTS`). */
export const RoundSettingsInput = z.strictObject({
  voterListDaysBefore: z.number().int().min(1).max(60).optional(),
  objectionFilingDays: z.number().int().min(1).max(30).optional(),
  objectionDecisionDays: z.number().int().min(1).max(30).optional(),
  courtDeadlineDaysBefore: z.number().int().min(0).max(30).optional(),
  lateRegistrationDaysBefore: z.number().int().min(1).max(60).nullable().optional(),
  nomineeListDaysBefore: z.number().int().min(1).max(60).optional(),
  candidateListDaysBefore: z.number().int().min(1).max(60).optional(),
  runoffWithinDays: z.number().int().min(1).max(90).optional(),
  deviationTolerancePct: z.number().min(0).max(100).optional(),
  provincialExtraPct: z.number().min(0).max(5).optional(),
  populationBasis: z.enum(['registered', 'resident']).optional(),
  reminderDaysBefore: z.array(z.number().int().min(0).max(60)).max(10).optional(),
  reminderTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM')
    .optional(),
});

export const RoundSettings = RoundSettingsInput.required();

/** Election day (选举日): a date this century, so every derived deadline is a real date too. */
export const ElectionDay = IsoDate.refine((d) => d >= '2000-01-01' && d <= '2099-12-31', 'a date between 2000 and 2099');

export const PhaseKey = z.enum(['preparation', 'districtDivision', 'registration']);
export const Phase = z.strictObject({ key: PhaseKey, start: IsoDate, end: IsoDate });

export const CreateRoundBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  electionDay: ElectionDay,
  timeZone: TimeZone.default('Asia/Shanghai'),
  /** The official number of county deputies (县人大代表名额), an input per EL 12. */
  countyDeputyTotal: z.number().int().min(1).max(1000).optional(),
  settings: RoundSettingsInput.default({}),
  phases: z.array(Phase).max(3).default([]),
});

export const UpdateRoundBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    electionDay: ElectionDay.optional(),
    timeZone: TimeZone.optional(),
    countyDeputyTotal: z.number().int().min(1).max(1000).nullable().optional(),
    settings: RoundSettingsInput.optional(),
    phases: z.array(Phase).max(3).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'at least one field to change');

export const TimelineEntry = z.object({
  stage: z.string(),
  titleZh: z.string(),
  title: z.string(),
  opens: IsoDate.nullable(),
  deadline: IsoDate.nullable(),
  rule: z.string(),
  article: z.string(),
});

export const Round = z.object({
  id: RoundId,
  countyId: CountyId,
  name: z.string(),
  electionDay: IsoDate,
  timeZone: z.string(),
  countyDeputyTotal: z.number().int().nullable(),
  settings: RoundSettings,
  phases: z.array(Phase),
  timeline: z.array(TimelineEntry),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: ActorRef,
});

export const RoundParams = z.strictObject({ roundId: RoundId });
