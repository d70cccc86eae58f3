/**
 * The names of the single table's keys and indexes. The table itself is defined once, in the CDK
 * data stack (`infra/stacks/data-stack.ts`), which takes these names from here; the local platform
 * creates its table from that stack's synthesized template.
 */
export const KEY = { partition: 'pk', sort: 'sk' } as const;

/**
 * County index: every township profile and township election of a county under one partition
 * (`COUNTY#<cid>#TOWNSHIP`, `COUNTY#<cid>#ROUND#<rid>`), so county views Query, never Scan.
 */
export const COUNTY_INDEX = { name: 'county', partition: 'gsi1pk', sort: 'gsi1sk' } as const;

/** Due index (sparse): deadlines by date, for reminders and the daily digest. */
export const DUE_INDEX = { name: 'due', partition: 'gsi2pk', sort: 'gsi2sk' } as const;

/** Idempotency records expire (DynamoDB TTL) after a day. */
export const TTL_ATTRIBUTE = 'expiresAt';
