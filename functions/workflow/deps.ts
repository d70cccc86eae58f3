/**
 * What the state machine's tasks use: the store, the notifier and the platform's clock. Created on
 * first use (the local platform sets the environment first); the clock is the API's, so that the
 * local platform's simulated clock moves handlers and tasks alike.
 */
import { ElectionStore } from '@township/store';
import { now } from '../http/clock';
import { getNotifier, type Notifier } from './notifier';

let store: ElectionStore | undefined;

export interface TaskDeps {
  store: ElectionStore;
  notifier: Notifier;
  now: () => Date;
}

export const taskDeps = (): TaskDeps => ({ store: (store ??= ElectionStore.fromEnv()), notifier: getNotifier(), now });
