/**
 * What the state machine's tasks use: the store, the notifier and the platform's clock. Created on
 * first use (the local platform sets the environment first); the clock is the API's, so that the
 * local platform's simulated clock moves handlers and tasks alike.
 */
import type { ElectionStore } from '@township/store';
import { now } from '../http/clock';
import { getStore } from '../http/store';
import { getNotifier, type Notifier } from './notifier';


export interface TaskDeps {
  store: ElectionStore;
  notifier: Notifier;
  now: () => Date;
}

export const taskDeps = (): TaskDeps => ({ store: getStore(), notifier: getNotifier(), now });
