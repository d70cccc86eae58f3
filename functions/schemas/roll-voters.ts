/** The voter roll (选民名单): listing and searching, registering by hand, status changes. */
import { z } from 'zod';
import { ActorRef, IsoDate, Timestamp, TownshipId } from './common';
import { DistrictId } from './roll-districts';

export const VoterStatus = z.enum(['registered', 'deceased', 'moved_away', 'deprived', 'unable', 'suspended', 'elsewhere']);
export const VoterId = z.string().regex(/^[0-9a-f]{24}$/, 'a voter id');

export const Voter = z.object({
  id: VoterId,
  townshipId: TownshipId,
  districtId: z.string(),
  name: z.string(),
  /** First 6 and last 4 characters of the resident ID. */
  maskedId: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: IsoDate,
  ethnicity: z.string(),
  address: z.string(),
  residence: z.enum(['hukou', 'resident']),
  status: VoterStatus,
  statusChange: z.object({ reason: z.string(), date: IsoDate, at: Timestamp, by: ActorRef }).optional(),
  move: z.object({ fromDistrictId: z.string(), reason: z.string(), date: IsoDate, at: Timestamp, by: ActorRef }).optional(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const VoterQuery = z.strictObject({
  districtId: DistrictId.optional(),
  name: z.string().trim().min(1).max(50).optional(),
  /** `330102********0012`, or its first 6 or last 4 characters. */
  maskedId: z
    .string()
    .regex(/^(\d{6}\*{8}[\dX]{4}|\d{6}|[\dX]{4})$/, 'the masked resident ID (330102********0012), or its first 6 or last 4 characters: never the whole ID')
    .optional(),
  status: VoterStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(4096).optional(),
});

export const VoterPage = z.object({ items: z.array(Voter), nextCursor: z.string().optional() });

export const AddVoterBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  residentId: z.string().trim().min(15).max(24),
  districtId: DistrictId,
  ethnicity: z.string().trim().max(20).default(''),
  address: z.string().trim().max(200).default(''),
  residence: z.enum(['hukou', 'resident']).default('hukou'),
});

/** Correct a voter's particulars (not the resident ID: that is another person; not the district: a move). */
export const EditVoterBody = z
  .strictObject({
    districtId: DistrictId,
    voterId: VoterId,
    name: z.string().trim().min(1).max(50).optional(),
    ethnicity: z.string().trim().max(20).optional(),
    address: z.string().trim().max(200).optional(),
    residence: z.enum(['hukou', 'resident']).optional(),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((b) => b.name !== undefined || b.ethnicity !== undefined || b.address !== undefined || b.residence !== undefined, {
    message: 'name, ethnicity, address or residence: at least one to change',
    path: ['name'],
  });

/** Move a voter to another district of the township (选民变更选区), with the reason and date. */
export const MoveVoterBody = z.strictObject({
  districtId: DistrictId,
  voterId: VoterId,
  toDistrictId: DistrictId,
  reason: z.string().trim().min(1).max(500),
  date: IsoDate,
});

/** A change of status (DOMAIN.md "Eligibility"), with its reason and date; audited. */
export const VoterStatusBody = z.strictObject({
  districtId: DistrictId,
  voterId: VoterId,
  status: VoterStatus,
  reason: z.string().trim().min(1).max(500),
  date: IsoDate,
});
