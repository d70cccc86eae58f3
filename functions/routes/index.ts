/**
 * THE route table: every route of the API, once. The CDK API stack makes one integration per
 * route from it, the local gateway matches requests against it, the OpenAPI document is
 * generated from it, and the authorisation and fuzz tests iterate over it — a route added here
 * is deployed, served, documented and tested. Each capability keeps its routes in its own file.
 */
import type { AnyRoute } from '../http/route';
import { foundationRoutes } from './foundation';
import { timelineRoutes } from './timeline';
import { rollRoutes } from './roll';
import { publicationRoutes } from './publication';

export const routes = {
  ...foundationRoutes,
  // issue 3 (timeline): its route spreads go on the lines below this one
  ...timelineRoutes,
  // issue 4 (voter roll): its route spreads go on the lines below this one
  ...rollRoutes,
  // issue 4 publication & objections: its route spreads go on the lines below this one
  ...publicationRoutes,
  // issue 4 AWS import path & county statistics: its route spreads go on the lines below this one
} satisfies Record<string, AnyRoute>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;
export const ROUTES: readonly AnyRoute[] = Object.values(routes);
