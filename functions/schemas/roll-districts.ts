/** Electoral districts (选区) and the township's division, as the API takes and returns them. */
import { z } from 'zod';
import { ActorRef, IsoDate, RoundId, Timestamp, TownshipId, Version } from './common';

/** District ids are the township's own short codes (`d1`, `xq-03`): tokens name them. */
export const DistrictId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -');

export const PollingStation = z.strictObject({
  name: z.string().trim().min(1).max(60),
  address: z.string().trim().min(1).max(200),
  /** 流动票箱 */
  mobileBoxes: z.number().int().min(0).max(50).default(0),
});

export const DistrictOfficer = z.strictObject({
  name: z.string().trim().min(1).max(50),
  sub: z.string().trim().min(1).max(128).optional(),
  phone: z.string().regex(/^\+?[0-9-]{5,20}$/, 'a phone number').optional(),
});

export const DistrictBody = z.strictObject({
  id: DistrictId,
  name: z.string().trim().min(1).max(60),
  /** 选区范围: the villages or communities it covers. */
  area: z.string().trim().max(500).default(''),
  population: z.number().int().min(1).max(1_000_000),
  /** 应选代表名额, 1–3 (EL 25). */
  seats: z.number().int().min(1).max(3),
  pollingStations: z.array(PollingStation).max(50).default([]),
  officers: z.array(DistrictOfficer).max(30).default([]),
});

export const DistrictParams = z.strictObject({ townshipId: TownshipId, roundId: RoundId });
export const DeleteDistrictQuery = z.strictObject({ districtId: DistrictId });

export const District = z.object({
  id: DistrictId,
  roundId: RoundId,
  townshipId: TownshipId,
  name: z.string(),
  area: z.string(),
  population: z.number().int(),
  seats: z.number().int(),
  pollingStations: z.array(z.object({ name: z.string(), address: z.string(), mobileBoxes: z.number().int() })),
  officers: z.array(z.object({ name: z.string(), sub: z.string().optional(), phone: z.string().optional() })),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: ActorRef,
});

export const DivisionStatus = z.enum(['draft', 'submitted', 'approved', 'returned']);

const Measure = z.object({
  id: z.string(),
  population: z.number(),
  seats: z.number(),
  populationPerDeputy: z.number(),
  deviationPct: z.number(),
  withinTolerance: z.boolean(),
});

export const Division = z.object({
  roundId: RoundId,
  townshipId: TownshipId,
  status: DivisionStatus,
  version: z.number().int().min(0),
  /** Last day the districts may change (division phase end, else E−20). */
  editableUntil: IsoDate.nullable(),
  editable: z.boolean(),
  allocatedSeats: z.number().int().nullable(),
  totalSeats: z.number().int(),
  population: z.number().int(),
  averagePopulationPerDeputy: z.number().nullable(),
  tolerancePct: z.number(),
  measures: z.array(Measure),
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
  submitted: z
    .object({ at: Timestamp, by: ActorRef, districts: z.array(z.object({ id: z.string(), name: z.string(), population: z.number(), seats: z.number() })) })
    .optional(),
  decision: z.object({ approved: z.boolean(), comment: z.string(), at: Timestamp, by: ActorRef }).optional(),
});

export const DistrictList = z.object({ items: z.array(District), division: Division });

export const DivisionDecisionBody = z.strictObject({
  approved: z.boolean(),
  /** Required when the division is returned: what to change. */
  comment: z.string().trim().max(1000).default(''),
});

export const SubmitDivisionBody = z.strictObject({});

export const CountyDivisionsParams = z.strictObject({ roundId: RoundId });
export const CountyDivisions = z.object({
  items: z.array(z.object({ townshipId: TownshipId, status: DivisionStatus, version: z.number().int(), submittedAt: Timestamp.optional() })),
});
