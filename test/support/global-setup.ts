/**
 * Once per test run: the whole local platform, in memory, on free ports — DynamoDB Local with
 * the table from the CDK template, the gateway emulation over the real handlers, and the
 * development issuer, whose key lives in a temporary directory so that test workers can sign
 * their own tokens.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { LOCAL_ISSUER_URL, startPlatform } from '@township/local';

export default async function setup(project: TestProject) {
  const issuerDir = await mkdtemp(join(tmpdir(), 'te-issuer-'));
  const platform = await startPlatform({ port: 0, issuerDir, quiet: true });
  project.provide('apiUrl', platform.url);
  project.provide('dynamoEndpoint', platform.endpoint);
  project.provide('tableName', platform.tableName);
  project.provide('issuerDir', issuerDir);
  project.provide('issuerUrl', LOCAL_ISSUER_URL);
  return async () => {
    await platform.stop();
    await rm(issuerDir, { recursive: true, force: true });
  };
}
