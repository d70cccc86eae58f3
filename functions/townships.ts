/** Townships (乡镇), the tenants: registered by the county, read by their own officers. */
import { townshipScope, type TownshipRecord } from '@township/store';
import { groupHandler } from './http/pipeline';
import { mayReachTownship } from './http/principal';
import { countyOf, townshipOf } from './http/scopes';
import { routes } from './routes';
import { startTownshipTimelines } from './workflow/executions';
import { getStarter } from './workflow/starter';

export const handler = groupHandler('townships', routes, {
  createTownship: async ({ body }, ctx) => {
    const county = countyOf(ctx);
    const scope = townshipScope(county.countyId, body.id);
    const township: TownshipRecord = {
      id: body.id,
      countyId: county.countyId,
      name: body.name,
      kind: body.kind,
      population: body.population,
      officers: body.officers,
      version: 1,
      createdAt: ctx.mutation.at,
      updatedAt: ctx.mutation.at,
      createdBy: ctx.mutation.actor,
    };
    const summary = `登记乡镇 ${township.name}（${township.id}），户籍人口 ${township.population.registered}`;
    await ctx.store.commit(
      ctx.mutation,
      [ctx.store.townships.write(scope, township, { kind: 'absent' })],
      [
        { chain: county, action: 'township.create', target: `township/${township.id}`, summary, before: null, after: township },
        { chain: scope, action: 'township.create', target: `township/${township.id}`, summary, before: null, after: township },
      ],
      { status: 201, body: township },
    );
    // A township added to the county joins the rounds still ahead (issue 3).
    const starter = getStarter();
    if (starter) await startTownshipTimelines(ctx.store, starter, county.countyId, township.id, ctx.now);
    return { status: 201, body: township };
  },

  listTownships: async ({ query }, ctx) => {
    const page = await ctx.store.townships.list(countyOf(ctx), query);
    const principal = ctx.principal!;
    // An observer granted some townships sees only those.
    return { body: { ...page, items: page.items.filter((t) => mayReachTownship(principal, t.id)) } };
  },

  getTownship: async (_input, ctx) => ({ body: townshipOf(ctx).township }),
});
