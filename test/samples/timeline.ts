/** Valid request bodies for the timeline's routes (issue 3). */
import { isoDateIn } from '../support/api';
import type { Sample } from './sample';

export const timelineSamples: Record<string, Sample> = {
  recordStage: () => ({ body: { stage: 'voterListPublication', doneOn: isoDateIn(0), note: '选民名单已张榜公布' } }),
  approveStage: () => ({ body: { stage: 'voterListPublication', approved: true } }),
};
