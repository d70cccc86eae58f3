/**
 * The local platform's workflow: the timeline runner on a clock (real by default, simulated in
 * tests, demos and the benchmark), registered as the API's execution starter, with the API's
 * clock set to the same source so handlers and tasks agree on "now".
 */
import { setClock } from '../../../../functions/http/clock';
import { setStarter } from '../../../../functions/workflow/starter';
import { setTaskTokens } from '../../../../functions/workflow/task-tokens';
import { RealClock, SimulatedClock, type TimelineClock } from './clock';
import { LocalTimelineRunner } from './runner';
import { startScheduler, type LocalScheduler } from './scheduler';

export { RealClock, SimulatedClock, type TimelineClock } from './clock';
export { LocalTimelineRunner, type RunnerStats } from './runner';
export { nextOccurrence, startScheduler, type LocalScheduler } from './scheduler';

export interface LocalWorkflow {
  runner: LocalTimelineRunner;
  clock: TimelineClock;
  /** The daily digest's local schedule; on the real clock only (a simulated run starts its own, with an end). */
  scheduler?: LocalScheduler;
  stop(): Promise<void>;
}

export function startWorkflow(clock: TimelineClock = new RealClock(), digestCounties: () => string[] = () => []): LocalWorkflow {
  const runner = new LocalTimelineRunner(clock);
  setStarter(runner);
  setTaskTokens(runner);
  if (clock instanceof SimulatedClock) setClock(clock.now);
  const scheduler = clock instanceof RealClock ? startScheduler(clock, digestCounties) : undefined;
  return {
    runner,
    clock,
    ...(scheduler ? { scheduler } : {}),
    stop: async () => {
      scheduler?.stop();
      await runner.close();
      setStarter(undefined);
      setTaskTokens(undefined);
      setClock(() => new Date());
    },
  };
}
