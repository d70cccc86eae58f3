/** The tenant's audit trail: every mutation, hash-chained (审计记录). */
import { z } from 'zod';
import { Timestamp, TownshipId } from './common';

export const AuditEvent = z.object({
  seq: z.number().int().positive(),
  at: Timestamp,
  actor: z.object({ sub: z.string(), name: z.string(), role: z.string() }),
  requestId: z.string(),
  action: z.string(),
  target: z.string(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  summary: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});

export const AuditVerification = z.object({
  valid: z.boolean(),
  events: z.number().int(),
  headSeq: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});

export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(2048).optional(),
});

export const AuditPage = z.object({
  verification: AuditVerification,
  items: z.array(AuditEvent),
  nextCursor: z.string().optional(),
});

export const AuditParams = z.strictObject({ townshipId: TownshipId });
