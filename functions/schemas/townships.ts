/** A township (乡镇), the tenant: code, name, population and its election office's officers. */
import { z } from 'zod';
import { ActorRef, CountyId, Timestamp, TownshipId, Version } from './common';

export const Officer = z.strictObject({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9-]{5,20}$/, 'a phone number')
    .optional(),
  email: z.email().optional(),
});

export const Population = z.strictObject({
  /** 户籍人口 */
  registered: z.number().int().min(0).max(10_000_000),
  /** 常住人口 */
  resident: z.number().int().min(0).max(10_000_000),
});

export const TownshipKind = z.enum(['town', 'township', 'ethnic_township', 'subdistrict']);

export const CreateTownshipBody = z.strictObject({
  id: TownshipId,
  name: z.string().trim().min(1).max(50),
  kind: TownshipKind.default('town'),
  population: Population,
  officers: z.array(Officer).max(20).default([]),
});

export const Township = z.object({
  id: TownshipId,
  countyId: CountyId,
  name: z.string(),
  kind: TownshipKind,
  population: Population,
  officers: z.array(Officer),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: ActorRef,
});

export const TownshipParams = z.strictObject({ townshipId: TownshipId });
