/** A round as the API shows it: the record plus its legal timeline, computed, never stored. */
import { computeTimeline, type RoundSettings } from '@township/domain';
import type { RoundRecord } from '@township/store';

export const roundView = (round: RoundRecord) => ({
  ...round,
  timeline: computeTimeline(round.electionDay, round.settings as unknown as RoundSettings, round.phases),
});
