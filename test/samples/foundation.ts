/** Valid request bodies (and headers) for the foundation's routes. */
import { isoDateIn } from '../support/api';
import type { Sample } from './sample';

export const foundationSamples: Record<string, Sample> = {
  createRound: () => ({ body: { name: '补选', electionDay: isoDateIn(90) } }),
  updateRound: () => ({ body: { name: '改名' }, headers: { 'if-match': '"1"' } }),
  createTownship: (c) => ({
    body: { id: `${c.countyId}${900 + Math.floor(Math.random() * 99)}`, name: '新设镇', population: { registered: 9000, resident: 9500 } },
  }),
  proposeApportionment: () => ({ body: {} }),
  confirmApportionment: () => ({ body: {}, headers: { 'if-match': '"1"' } }),
};

