/** Registrations refused because the person is registered elsewhere in the county (EL 5, ZJ 26). */
import { z } from 'zod';
import { ActorRef, RoundId, Timestamp, TownshipId } from './common';

export const PersonKey = z.string().regex(/^[0-9a-f]{64}$/, 'the conflict’s personKey');

export const VoterConflict = z.object({
  /** The keyed hash of the resident ID: identifies the conflict, reveals no ID. */
  personKey: PersonKey,
  roundId: RoundId,
  townshipId: TownshipId,
  districtId: z.string(),
  districtName: z.string(),
  name: z.string(),
  maskedId: z.string(),
  other: z.object({ townshipId: TownshipId, townshipName: z.string(), districtId: z.string(), districtName: z.string() }),
  status: z.enum(['open', 'resolved']),
  resolution: z.object({ stands: z.enum(['existing', 'claimant']), note: z.string(), at: Timestamp, by: ActorRef }).optional(),
  detectedAt: Timestamp,
  version: z.number().int(),
});

export const ConflictQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2048).optional(),
});

export const ConflictPage = z.object({ items: z.array(VoterConflict), nextCursor: z.string().optional() });

export const CountyConflictParams = z.strictObject({ roundId: RoundId });

export const ResolveConflictBody = z.strictObject({
  personKey: PersonKey,
  /** Which registration stands: the one already made (`existing`) or the refused one (`claimant`). */
  stands: z.enum(['existing', 'claimant']),
  note: z.string().trim().min(1).max(1000),
});
