/** Seat allocation of the county's deputies to townships: propose, confirm, read. */
import type { ApportionmentRecord } from '@township/store';
import { groupHandler } from './http/pipeline';
import { conflict, notFound, preconditionRequired } from './http/problem';
import { countyOf } from './http/scopes';
import { routes } from './routes';
import { proposeApportionment } from './views/apportionment';

export const handler = groupHandler('apportionment', routes, {
  proposeApportionment: async ({ params, body }, ctx) => {
    const scope = countyOf(ctx);
    const round = await ctx.store.rounds.get(scope, params.roundId);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    const townships = await ctx.store.townships.all(scope);
    return { body: proposeApportionment(round, townships, body.total) };
  },

  confirmApportionment: async ({ params, body }, ctx) => {
    const scope = countyOf(ctx);
    const [round, existing] = await Promise.all([
      ctx.store.rounds.get(scope, params.roundId),
      ctx.store.apportionments.get(scope, params.roundId),
    ]);
    if (!round) throw notFound(`No round ${params.roundId}.`);
    if (existing && ctx.ifMatch === undefined) {
      throw preconditionRequired('An allocation is already confirmed: send If-Match with its version to replace it.');
    }
    if (existing ? ctx.ifMatch !== existing.version : ctx.ifMatch !== undefined) {
      throw conflict(
        existing
          ? `The confirmed allocation is at version ${existing.version}, not ${ctx.ifMatch}.`
          : 'No allocation is confirmed yet, but If-Match names a version.',
        { currentVersion: existing?.version ?? null },
      );
    }
    const townships = await ctx.store.townships.all(scope);
    const proposal = proposeApportionment(round, townships, body.total, body.overrides);
    const version = (existing?.version ?? 0) + 1;
    const view = {
      ...proposal,
      status: 'confirmed' as const,
      version,
      confirmedAt: ctx.mutation.at,
      confirmedBy: ctx.mutation.actor,
    };
    const record: ApportionmentRecord = {
      roundId: round.id,
      countyId: scope.countyId,
      view,
      version,
      createdAt: existing?.createdAt ?? ctx.mutation.at,
      updatedAt: ctx.mutation.at,
      createdBy: existing?.createdBy ?? ctx.mutation.actor,
    };
    const overrides = body.overrides.length ? `，调整 ${body.overrides.length} 个乡镇` : '';
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.apportionments.write(scope, record, existing ? { kind: 'version', version: existing.version } : { kind: 'absent' })],
      [
        {
          chain: scope,
          action: 'apportionment.confirm',
          target: `round/${round.id}/apportionment`,
          summary: `确认名额分配：${view.total} 名代表分配到 ${view.allocations.length} 个乡镇${overrides}`,
          before: existing?.view ?? null,
          after: view,
        },
      ],
    );
    return { body: view };
  },

  getApportionment: async ({ params }, ctx) => {
    const record = await ctx.store.apportionments.get(countyOf(ctx), params.roundId);
    if (!record) throw notFound(`No confirmed allocation for round ${params.roundId}.`);
    return { body: record.view };
  },
});
