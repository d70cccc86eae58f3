/**
 * The local stand-in for S3 uploads of voter files: `PUT /uploads/<key>?expires=…&signature=…`
 * with a URL the API handed out (signed like a presigned S3 URL), streamed to a file under the
 * uploads directory — never through the API's 10 MB request bodies — then announced to the
 * import as S3's ObjectCreated event would be. Also provides the functions' secrets: the person
 * key's HMAC secret and the upload signing secret, generated once and kept under `.data/`.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { localUploadPath, parseUploadKey, verifyUpload } from '../../../functions/voter-import/files';

export const UPLOAD_PATH = '/uploads/';
/** A township's roll of 100,000 as CSV is ~15 MB; this leaves room and stops a runaway upload. */
export const UPLOAD_LIMIT = 256 * 1024 * 1024;

export interface LocalUploads {
  dir: string;
  secretHex: string;
}

/**
 * Sets the functions' environment for uploads and the person key (unless already set): with a
 * data directory the secrets persist in `<dataDir>/secrets.json` (mode 0600) — a new person-key
 * secret would make every stored person key unfindable — and files go to `<dataDir>/uploads`
 * (or `UPLOADS_DIR` when set, for a process that runs imports apart from the platform).
 */
export async function prepareUploads(dataDir?: string): Promise<LocalUploads> {
  const dir = process.env.UPLOADS_DIR ?? (dataDir ? join(dataDir, 'uploads') : await mkdtemp(join(tmpdir(), 'te-uploads-')));
  await mkdir(dir, { recursive: true });
  const secrets = dataDir ? await persistentSecrets(join(dataDir, 'secrets.json')) : fresh();
  process.env.PERSON_KEY_SECRET ??= secrets.personKey;
  process.env.UPLOADS_SECRET ??= secrets.uploads;
  process.env.UPLOADS_DIR = dir;
  return { dir, secretHex: process.env.UPLOADS_SECRET };
}

const fresh = () => ({ personKey: randomBytes(32).toString('hex'), uploads: randomBytes(32).toString('hex') });

async function persistentSecrets(file: string): Promise<{ personKey: string; uploads: string }> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { personKey?: unknown; uploads?: unknown };
    if (typeof parsed.personKey === 'string' && typeof parsed.uploads === 'string') return { personKey: parsed.personKey, uploads: parsed.uploads };
  } catch {
    // absent or unreadable: a new pair (there can be no person keys made with a lost secret)
  }
  const secrets = fresh();
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export type OnUploaded = (key: string, size: number) => Promise<unknown>;

/** Handles an upload request; false when the request is not one (the gateway carries on). */
export function uploadEndpoint(uploads: LocalUploads, onUploaded: OnUploaded) {
  return async (req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<boolean> => {
    if (!rawPath.startsWith(UPLOAD_PATH)) return false;
    const answer = (status: number, detail: string) => {
      res.writeHead(status, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: detail, status, detail }));
    };
    const key = decodeURIComponent(rawPath.slice(UPLOAD_PATH.length));
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (req.method !== 'PUT') return answer(405, 'Upload with PUT.'), true;
    if (!parseUploadKey(key) || !verifyUpload(uploads.secretHex, key, Number(query.get('expires')), query.get('signature') ?? '', new Date())) {
      return answer(403, 'The upload URL is not valid or has expired.'), true;
    }
    const target = localUploadPath(uploads.dir, key);
    if (await exists(target)) return answer(409, 'This upload URL has been used: start a new import.'), true;
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(size > UPLOAD_LIMIT ? new Error('too-large') : null, chunk);
      },
    });
    const part = `${target}.${randomBytes(4).toString('hex')}.part`;
    try {
      await pipeline(req, limit, createWriteStream(part, { flags: 'wx' }));
    } catch (error) {
      await rm(part, { force: true });
      if ((error as Error).message === 'too-large') return answer(413, `The file exceeds ${UPLOAD_LIMIT / 1024 / 1024} MB.`), true;
      return answer(400, 'The upload was interrupted.'), true;
    }
    await rename(part, target);
    res.writeHead(200, { etag: `"${size}"` });
    res.end();
    await onUploaded(key, size).catch((error: unknown) => console.error('upload: starting the import failed', error));
    return true;
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
