/**
 * Resuming imports whose runner died (a crash, a restart of the local platform): every import
 * still queued or running whose lease has run out gets a new run, which continues from its
 * checkpoint. The local platform sweeps when it starts and every minute; in AWS the import-runs
 * queue brings a dead run's message back by itself.
 */
import type { ElectionStore } from '@township/store';
import type { ImportJob } from './runner';

const QUEUED_GRACE_MS = 120_000;

export async function resumeStalledImports(store: ElectionStore, now: Date, dispatch: (job: ImportJob) => Promise<void>): Promise<ImportJob[]> {
  const resumed: ImportJob[] = [];
  for (const record of await store.voterImports.listActive()) {
    if (record.lease && Date.parse(record.lease.until) > now.getTime()) continue;
    // Queued a moment ago: its first run is on its way (a second one would only find it busy).
    if (!record.lease && Date.parse(record.updatedAt) > now.getTime() - QUEUED_GRACE_MS) continue;
    const job = { countyId: record.countyId, townshipId: record.townshipId, roundId: record.roundId, importId: record.id };
    await dispatch(job);
    resumed.push(job);
  }
  return resumed;
}
