/**
 * The person-key secret in AWS: read once per container from Secrets Manager
 * (`PERSON_KEY_SECRET_ARN`) into `PERSON_KEY_SECRET`, where `person-key.ts` reads it. Locally the
 * platform sets `PERSON_KEY_SECRET` itself (`.data/secrets.json`) and this does nothing.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let loading: Promise<void> | undefined;

export function loadPersonKeySecret(): Promise<void> {
  const arn = process.env.PERSON_KEY_SECRET_ARN;
  if (process.env.PERSON_KEY_SECRET || !arn) return Promise.resolve();
  return (loading ??= (async () => {
    const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new Error('the person-key secret has no value');
    process.env.PERSON_KEY_SECRET = SecretString.trim();
  })().catch((error: unknown) => {
    loading = undefined; // the next request tries again
    throw error;
  }));
}
