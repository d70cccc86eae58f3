/**
 * A valid body (and headers) for every route that takes one: the route-table tests refuse a
 * route with a body that has no sample here. Each capability keeps its samples in its own file.
 */
import { foundationSamples } from './foundation';
import { rollSamples } from './roll';
import { publicationSamples } from './publication';
import type { Sample } from './sample';
import { timelineSamples } from './timeline';

export const samples: Record<string, Sample> = {
  ...foundationSamples,
  // issue 3 (timeline): its sample spreads go on the lines below this one
  ...timelineSamples,
  // issue 4 (voter roll): its sample spreads go on the lines below this one
  ...rollSamples,
  // issue 4 publication & objections: its sample spreads go on the lines below this one
  ...publicationSamples,
  // issue 4 AWS import path & county statistics: its sample spreads go on the lines below this one
};
