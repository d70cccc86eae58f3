/**
 * Voter imports (选民登记导入): ask for an upload URL, then read progress and the row-by-row
 * report while the import runs in chunks; resume one whose runner stopped.
 */
import type { ImportRecord } from '@township/store';
import { v7 as uuidv7 } from 'uuid';
import { groupHandler } from './http/pipeline';
import { conflict, notFound } from './http/problem';
import { townshipRound } from './roll/round';
import { routes } from './routes';
import { dispatchImport } from './voter-import/dispatch';
import { uploadKeyOf, uploads } from './voter-import/files';

const CONTENT_TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** Public view: the upload key and the lease are the platform's business. */
const view = ({ uploadKey: _key, lease: _lease, ...rest }: ImportRecord) => rest;

export const handler = groupHandler('imports', routes, {
  createVoterImport: async ({ params, body }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    if (tr.today > tr.round.electionDay) throw conflict(`Election day (${tr.round.electionDay}) has passed: the roll is closed.`);
    const format = body.format ?? (/\.xlsx$/i.test(body.fileName) ? 'xlsx' : /\.csv$/i.test(body.fileName) ? 'csv' : undefined);
    if (!format) throw conflict('Say whether the file is csv or xlsx (format), or name it .csv or .xlsx.');
    const id = uuidv7();
    const at = ctx.mutation.at;
    const record: ImportRecord = {
      id,
      roundId: tr.round.id,
      townshipId: tr.township.id,
      fileName: body.fileName,
      format,
      status: 'awaiting-upload',
      uploadKey: uploadKeyOf(tr.scope.countyId, tr.township.id, tr.round.id, id),
      checkpoint: 0,
      chunks: 0,
      rowsRead: 0,
      registered: 0,
      invalid: 0,
      conflicts: 0,
      alreadyRegistered: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: ctx.mutation.actor,
    };
    const upload = await uploads().target(record.uploadKey, CONTENT_TYPES[format], ctx.now);
    const reply = { ...view(record), upload };
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.voterImports.write(tr.scope, record, { kind: 'absent' })],
      [{ chain: tr.scope, action: 'voters.import.create', target: `round/${tr.round.id}/import/${id}`, summary: `新建选民导入「${body.fileName}」`, before: null, after: view(record) }],
      { status: 201, body: reply },
    );
    return { status: 201, body: reply };
  },

  listVoterImports: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    if (query.importId) {
      const one = await ctx.store.voterImports.get(tr.scope, tr.round.id, query.importId);
      return { body: { items: one ? [view(one)] : [] } };
    }
    const page = await ctx.store.voterImports.page(tr.scope, tr.round.id, { ...(query.limit ? { limit: query.limit } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
    return { body: { items: page.items.map(view), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  },

  getVoterImportReport: async ({ params, query }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const record = query.importId
      ? await ctx.store.voterImports.get(tr.scope, tr.round.id, query.importId)
      : (await ctx.store.voterImports.page(tr.scope, tr.round.id, { limit: 1 })).items[0];
    if (query.importId && !record) throw notFound(`No import ${query.importId}.`);
    if (!record) return { body: { import: null, items: [] } };
    const page = await ctx.store.voterImports.report(tr.scope, record.id, { ...(query.limit ? { limit: query.limit } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
    return { body: { import: view(record), items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  },

  resumeVoterImport: async ({ params, body }, ctx) => {
    const tr = await townshipRound(ctx, params.roundId);
    const record = await ctx.store.voterImports.get(tr.scope, tr.round.id, body.importId);
    if (!record) throw notFound(`No import ${body.importId}.`);
    if (record.status === 'awaiting-upload') throw conflict('The file has not been uploaded yet: PUT it to the upload URL first.');
    if (record.status === 'queued' || record.status === 'running') {
      const held = record.lease && Date.parse(record.lease.until) > ctx.now.getTime();
      if (!held) await dispatchImport({ countyId: tr.scope.countyId, townshipId: tr.township.id, roundId: tr.round.id, importId: record.id });
    }
    return { body: view(record) };
  },
});
