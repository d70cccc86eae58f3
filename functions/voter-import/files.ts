/**
 * Where uploaded voter files live. A file never travels in an API request body (API Gateway
 * takes 10 MB, Lambda 6 MB): the API hands out an upload URL and the import reads the object.
 * In AWS that is an S3 presigned PUT to `UPLOADS_BUCKET`; locally, the platform's upload
 * endpoint (`packages/local/src/uploads.ts`) behind `UPLOADS_URL`, writing to `UPLOADS_DIR`,
 * with URLs signed the same way S3 signs them: a key, an expiry and an HMAC.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

export interface UploadStore {
  target(key: string, contentType: string, now: Date): Promise<UploadTarget>;
  open(key: string): Promise<Readable>;
}

const EXPIRES_SECONDS = 3600;

/** `<county>/<township>/<round>/<import>`: what an upload's key says, checked when it arrives. */
export const uploadKeyOf = (countyId: string, townshipId: string, roundId: string, importId: string) =>
  `${countyId}/${townshipId}/${roundId}/${importId}`;

export function parseUploadKey(key: string): { countyId: string; townshipId: string; roundId: string; importId: string } | undefined {
  const m = /^(\d{6})\/(\d{9})\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/.exec(key);
  return m ? { countyId: m[1]!, townshipId: m[2]!, roundId: m[3]!, importId: m[4]! } : undefined;
}

/** The signature of a local upload URL (the local stand-in for S3's). */
export function signUpload(secretHex: string, key: string, expires: number): string {
  return createHmac('sha256', Buffer.from(secretHex, 'hex')).update(`${key}|${expires}`).digest('base64url');
}

export function verifyUpload(secretHex: string, key: string, expires: number, signature: string, now: Date): boolean {
  if (!Number.isFinite(expires) || expires * 1000 < now.getTime()) return false;
  const expected = Buffer.from(signUpload(secretHex, key, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

class LocalUploads implements UploadStore {
  constructor(
    private readonly dir: string,
    private readonly baseUrl: string,
    private readonly secretHex: string,
  ) {}

  async target(key: string, contentType: string, now: Date): Promise<UploadTarget> {
    const expires = Math.floor(now.getTime() / 1000) + EXPIRES_SECONDS;
    const url = `${this.baseUrl}/${key}?expires=${expires}&signature=${signUpload(this.secretHex, key, expires)}`;
    return { url, method: 'PUT', headers: { 'content-type': contentType }, expiresAt: new Date(expires * 1000).toISOString() };
  }

  async open(key: string): Promise<Readable> {
    return createReadStream(localUploadPath(this.dir, key), { highWaterMark: 256 * 1024 });
  }
}

class S3Uploads implements UploadStore {
  private readonly s3 = new S3Client({});
  constructor(private readonly bucket: string) {}

  async target(key: string, contentType: string, now: Date): Promise<UploadTarget> {
    const url = await getSignedUrl(this.s3, new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }), {
      expiresIn: EXPIRES_SECONDS,
    });
    return { url, method: 'PUT', headers: { 'content-type': contentType }, expiresAt: new Date(now.getTime() + EXPIRES_SECONDS * 1000).toISOString() };
  }

  async open(key: string): Promise<Readable> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return object.Body as Readable;
  }
}

let store: UploadStore | undefined;

/** The store the environment names: S3 when `UPLOADS_BUCKET` is set, else the local directory. */
export function uploads(): UploadStore {
  if (store) return store;
  const bucket = process.env.UPLOADS_BUCKET;
  if (bucket) return (store = new S3Uploads(bucket));
  const dir = process.env.UPLOADS_DIR;
  const url = process.env.UPLOADS_URL;
  const secretHex = process.env.UPLOADS_SECRET;
  if (!dir || !url || !secretHex) throw new Error('neither UPLOADS_BUCKET nor UPLOADS_DIR, UPLOADS_URL and UPLOADS_SECRET are set');
  return (store = new LocalUploads(dir, url, secretHex));
}

/** The local file of an upload key (for the local upload endpoint). */
export const localUploadPath = (dir: string, key: string) => join(dir, key.replaceAll('/', '_'));
