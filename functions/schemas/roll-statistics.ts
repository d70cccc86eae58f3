/** Statistics of a township's roll (选民登记统计). */
import { z } from 'zod';
import { IsoDate, RoundId, TownshipId } from './common';

const Counts = z.object({
  registered: z.number().int(),
  bySex: z.object({ male: z.number().int(), female: z.number().int() }),
  byEthnicity: z.record(z.string(), z.number().int()),
  byAgeBand: z.object({ '18-35': z.number().int(), '36-59': z.number().int(), '60+': z.number().int() }),
  notOnList: z.record(z.string(), z.number().int()),
});

export const RollStatistics = z.object({
  townshipId: TownshipId,
  roundId: RoundId,
  electionDay: IsoDate,
  total: Counts,
  districts: z.array(Counts.extend({ districtId: z.string(), districtName: z.string() })),
  conflicts: z.object({ open: z.number().int(), resolved: z.number().int() }),
});

const DistrictCounts = Counts.extend({ districtId: z.string(), districtName: z.string() });
const ConflictCounts = z.object({ open: z.number().int(), resolved: z.number().int() });

/** The county's figures: the sum of its townships' snapshots, each with its date and whether it is stale. */
export const CountyRollStatistics = z.object({
  countyId: z.string(),
  roundId: RoundId,
  electionDay: IsoDate,
  total: Counts,
  conflicts: ConflictCounts,
  townships: z.array(
    z.union([
      z.object({ townshipId: TownshipId, townshipName: z.string(), counted: z.literal(false) }),
      z.object({
        townshipId: TownshipId,
        townshipName: z.string(),
        counted: z.literal(true),
        /** When the township was counted; stale: it has changed since (count it again by reading its statistics). */
        asOf: z.string(),
        stale: z.boolean(),
        total: Counts,
        districts: z.array(DistrictCounts),
        conflicts: ConflictCounts,
      }),
    ]),
  ),
  notCounted: z.array(TownshipId),
  stale: z.array(TownshipId),
});
