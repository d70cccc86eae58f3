/**
 * The store the handlers and tasks use, from the environment (`TABLE_NAME`, `DYNAMODB_ENDPOINT`
 * locally). One per table and endpoint: a process may start the local platform twice (tests).
 */
import { ElectionStore } from '@township/store';

let store: { key: string; store: ElectionStore } | undefined;

export const getStore = (): ElectionStore => {
  const key = `${process.env.TABLE_NAME ?? ''}|${process.env.DYNAMODB_ENDPOINT ?? ''}`;
  if (store?.key !== key) store = { key, store: ElectionStore.fromEnv() };
  return store.store;
};
