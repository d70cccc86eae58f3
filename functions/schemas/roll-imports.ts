/** Voter imports (选民登记导入): the request for an upload URL, progress and the row report. */
import { z } from 'zod';
import { ActorRef, RoundId, Timestamp, TownshipId, Version } from './common';

export const ImportId = z.uuid();

export const CreateImportBody = z.strictObject({
  /** The clerk's file name, for the record: `花园村选民.xlsx`. */
  fileName: z.string().trim().min(1).max(200),
  /** Default: from the file name's extension. */
  format: z.enum(['csv', 'xlsx']).optional(),
});

export const ImportStatus = z.enum(['awaiting-upload', 'queued', 'running', 'done', 'failed', 'duplicate']);

export const VoterImport = z.object({
  id: ImportId,
  roundId: RoundId,
  townshipId: TownshipId,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: ImportStatus,
  sha256: z.string().optional(),
  duplicateOf: z.string().optional(),
  totalRows: z.number().int().optional(),
  checkpoint: z.number().int(),
  chunks: z.number().int(),
  rowsRead: z.number().int(),
  registered: z.number().int(),
  invalid: z.number().int(),
  conflicts: z.number().int(),
  alreadyRegistered: z.number().int(),
  error: z.string().optional(),
  startedAt: Timestamp.optional(),
  finishedAt: Timestamp.optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: ActorRef,
});

export const CreatedImport = VoterImport.extend({
  upload: z.object({ url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()), expiresAt: Timestamp }),
});

export const ImportQuery = z.strictObject({
  importId: ImportId.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(2048).optional(),
});

export const ImportReportRow = z.object({
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
  kind: z.enum(['invalid', 'conflict', 'already-registered', 'duplicate-in-file']),
});

/** The import (the given one, else the latest) with a page of its row-by-row report. */
export const ImportReport = z.object({
  import: VoterImport.nullable(),
  items: z.array(ImportReportRow),
  nextCursor: z.string().optional(),
});

export const ImportPage = z.object({ items: z.array(VoterImport), nextCursor: z.string().optional() });

export const ResumeImportBody = z.strictObject({ importId: ImportId });
