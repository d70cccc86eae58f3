/** Helpers of the local platform's integration tests. */
import { spawnSync } from 'node:child_process';

/** Pids of running DynamoDB Local processes (`pgrep -f DynamoDBLocal.jar`). */
export function dynamoDbLocalPids(): number[] {
  const result = spawnSync('pgrep', ['-f', 'DynamoDBLocal.jar'], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}
