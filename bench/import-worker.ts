/**
 * One import run in a process of its own, as the import worker function would run in AWS: reads
 * the uploaded file, registers in chunks, exits. Prints its peak RSS (`maxRSS`) as JSON.
 * Usage: import-worker.ts <countyId> <townshipId> <roundId> <importId> (environment: the table,
 * DynamoDB Local, UPLOADS_DIR and the secrets, as the platform has them).
 */
import { runUntilSettled } from '../functions/voter-import/dispatch';

const [countyId, townshipId, roundId, importId] = process.argv.slice(2);
if (!countyId || !townshipId || !roundId || !importId) throw new Error('usage: import-worker.ts <countyId> <townshipId> <roundId> <importId>');
const result = await runUntilSettled({ countyId, townshipId, roundId, importId });
console.log(JSON.stringify({ result, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
