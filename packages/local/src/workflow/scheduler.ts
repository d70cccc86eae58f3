/**
 * The local scheduler: fires the daily digest from the same schedule definition the CDK stack
 * deploys (`DIGEST_SCHEDULE`), at its next occurrence on the platform's clock. On the simulated
 * clock it sleeps like an execution, so the clock jumps to 08:00 as it jumps to a reminder.
 */
import { addDays, todayIn, zonedInstant } from '@township/domain';
import { digest } from '../../../../functions/workflow/digest';
import { DIGEST_SCHEDULE } from '../../../../functions/workflow/digest-schedule';
import type { TimelineClock } from './clock';

const ID = `schedule:${DIGEST_SCHEDULE.name}`;
const pad = (n: number) => String(n).padStart(2, '0');

/** The schedule's next occurrence strictly after `after`. */
export function nextOccurrence(after: Date): Date {
  const time = `${pad(DIGEST_SCHEDULE.hour)}:${pad(DIGEST_SCHEDULE.minute)}`;
  const today = todayIn(DIGEST_SCHEDULE.timeZone, after);
  const candidate = zonedInstant(today, time, DIGEST_SCHEDULE.timeZone);
  return candidate > after ? candidate : zonedInstant(addDays(today, 1), time, DIGEST_SCHEDULE.timeZone);
}

export interface LocalScheduler {
  /** Digests fired so far. */
  fired: number;
  stop(): void;
}

/**
 * Fires the digest for `countyIds()` (read at each firing) until stopped, or until `until`
 * (simulated runs end: a schedule never ends by itself, and a clock run to its end would never stop).
 */
export function startScheduler(clock: TimelineClock, countyIds: () => string[], until?: Date): LocalScheduler {
  let stopped = false;
  const state: LocalScheduler = {
    fired: 0,
    stop: () => {
      stopped = true;
      clock.cancel(ID);
      clock.leave(ID);
    },
  };
  clock.enter(ID);
  void (async () => {
    while (!stopped) {
      const next = nextOccurrence(clock.now());
      if (until && next > until) break;
      if (!(await clock.sleepUntil(ID, next.toISOString()))) continue;
      if (stopped) break;
      await digest({ countyIds: countyIds() });
      state.fired++;
    }
    clock.leave(ID);
  })();
  return state;
}
