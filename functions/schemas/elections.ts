/** A township's view of an election round: its seats, its legal timeline and its stage. */
import { z } from 'zod';
import { IsoDate, RoundId, TownshipId } from './common';
import { TimelineEntry } from './rounds';

export const TownshipElectionParams = z.strictObject({ townshipId: TownshipId, roundId: RoundId });

export const TownshipElection = z.object({
  townshipId: TownshipId,
  townshipName: z.string(),
  roundId: RoundId,
  roundName: z.string(),
  electionDay: IsoDate,
  timeZone: z.string(),
  today: IsoDate,
  /** County deputies this township elects; null until the county confirms the apportionment. */
  seats: z.number().int().nullable(),
  apportionmentStatus: z.enum(['not-confirmed', 'confirmed']),
  currentStage: z.string(),
  timeline: z.array(TimelineEntry),
});
