/** Seat allocation of the county's deputies to townships (名额分配), EL 12–15. */
import { z } from 'zod';
import { ActorRef, RoundId, Timestamp, TownshipId, Version } from './common';

export const ProposeApportionmentBody = z.strictObject({
  /** Deputies to allocate; defaults to the round's `countyDeputyTotal`. */
  total: z.number().int().min(1).max(1000).optional(),
});

export const SeatOverride = z.strictObject({
  townshipId: TownshipId,
  seats: z.number().int().min(1).max(1000),
  reason: z.string().trim().min(1).max(500),
});

export const ConfirmApportionmentBody = z.strictObject({
  total: z.number().int().min(1).max(1000).optional(),
  overrides: z.array(SeatOverride).max(500).default([]),
});

export const ReferenceTotal = z.object({
  level: z.enum(['county', 'township']),
  population: z.number(),
  base: z.number(),
  addOn: z.number(),
  cap: z.number(),
  total: z.number(),
  mayBeFewer: z.boolean(),
  article: z.string(),
});

export const AllocationView = z.object({
  townshipId: TownshipId,
  name: z.string(),
  population: z.number(),
  quota: z.number(),
  seats: z.number().int(),
  populationPerDeputy: z.number(),
  deviationPct: z.number(),
  withinTolerance: z.boolean(),
  override: z.object({ reason: z.string(), proposedSeats: z.number().int() }).optional(),
  /** The reference total of the township's own congress (EL 12), for information. */
  townshipReference: ReferenceTotal,
});

export const Apportionment = z.object({
  roundId: RoundId,
  status: z.enum(['proposal', 'confirmed']),
  total: z.number().int(),
  populationBasis: z.enum(['registered', 'resident']),
  population: z.number(),
  averagePopulationPerDeputy: z.number(),
  deviationTolerancePct: z.number(),
  countyReference: ReferenceTotal,
  allocations: z.array(AllocationView),
  version: Version.optional(),
  confirmedAt: Timestamp.optional(),
  confirmedBy: ActorRef.optional(),
});
