import type { County } from '../support/fixture';

/** A valid body and headers for a route, given the test's county. */
export type Sample = (county: County) => { body?: unknown; headers?: Record<string, string> };
