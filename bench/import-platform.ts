/**
 * The platform process of `bench:import`: the gateway, the handlers and the import runs, in a
 * process of their own so that the benchmark measures their memory (VmHWM) and nothing of its
 * own bookkeeping. Prints one JSON line with its addresses, stops on SIGTERM.
 */
import { startPlatform } from '@township/local';

const issuerDir = process.argv[2];
if (!issuerDir) throw new Error('usage: import-platform.ts <issuerDir>');
const platform = await startPlatform({ port: 0, quiet: true, issuerDir });
console.log(JSON.stringify({ url: platform.url, endpoint: platform.endpoint, tableName: platform.tableName, pid: process.pid }));
process.on('SIGTERM', () => {
  void platform.stop().then(() => process.exit(0));
});
