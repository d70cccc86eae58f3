/** One Powertools logger for every function: JSON lines with request id, tenant and role. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'township-elections' });
