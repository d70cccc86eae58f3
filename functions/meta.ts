/** The API's description of itself. */
import { groupHandler } from './http/pipeline';
import { buildOpenApi } from './openapi';
import { routes } from './routes';

let document: ReturnType<typeof buildOpenApi> | undefined;

export const handler = groupHandler('meta', routes, {
  getOpenApi: async () => ({ body: (document ??= buildOpenApi()) }),
});
