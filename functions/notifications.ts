/** The outbox, read by its recipients: a township's reminders and notices, the county's escalations and digests. */
import { groupHandler } from './http/pipeline';
import { countyOf, townshipOf } from './http/scopes';
import { routes } from './routes';

export const handler = groupHandler('notifications', routes, {
  listTownshipNotifications: async ({ query }, ctx) => ({ body: await ctx.store.notifications.page(townshipOf(ctx).scope, query) }),
  listCountyNotifications: async ({ query }, ctx) => ({ body: await ctx.store.notifications.page(countyOf(ctx), query) }),
});
