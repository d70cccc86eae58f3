/**
 * An upload arrived (S3's ObjectCreated in AWS, the local upload endpoint locally): the import
 * it belongs to is queued and a run dispatched. Anything that does not name an import awaiting
 * its file is ignored.
 */
import { townshipScope } from '@township/store';
import { getStore } from '../http/pipeline';
import { now } from '../http/clock';
import { dispatchImport } from './dispatch';
import { parseUploadKey } from './files';

export async function importUploaded(key: string, size: number): Promise<boolean> {
  const job = parseUploadKey(key);
  if (!job) return false;
  const store = getStore();
  const scope = townshipScope(job.countyId, job.townshipId);
  const record = await store.voterImports.get(scope, job.roundId, job.importId);
  if (!record || record.status !== 'awaiting-upload' || record.uploadKey !== key) return false;
  const at = now().toISOString();
  await store.commit(
    { actor: record.createdBy, requestId: `upload-${record.id}`, at },
    [store.voterImports.write(scope, { ...record, status: 'queued', version: record.version + 1, updatedAt: at }, { kind: 'version', version: record.version })],
    [{ chain: scope, action: 'voters.import.upload', target: `round/${record.roundId}/import/${record.id}`, summary: `上传选民文件「${record.fileName}」（${size} 字节）`, before: null, after: { size } }],
  );
  await dispatchImport(job);
  return true;
}
