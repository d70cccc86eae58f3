/**
 * Published voter lists (选民名单公布, EL 28): each publication a numbered, immutable version.
 *
 * | item                 | pk                                                   | sk                                  |
 * |----------------------|------------------------------------------------------|-------------------------------------|
 * | publication (header) | TOWNSHIP#<tid>                                       | ROUND#<rid>#PUBLICATION#<n, 6 digits>|
 * | list page            | TOWNSHIP#<tid>#ROUND#<rid>#PUBLICATION#<n>#RUN#<run> | DISTRICT#<did>#PAGE#<p, 5 digits>   |
 * | change page          | (same partition)                                     | CHANGES#PAGE#<p, 5 digits>          |
 * | override             | TOWNSHIP#<tid>                                       | ROUND#<rid>#PUBLICATIONOVERRIDE     |
 *
 * A version is written in two steps: its pages first (a few hundred voters each, by the batch
 * helper, under a partition named by the run), then its header in one transaction with the
 * stage fact, the audit event and the idempotency record, on the condition that version n does
 * not exist yet. Readers find a version only through its header, and read only the pages of the
 * run the header names: a run that crashed before its header, or lost the race for version n,
 * leaves pages no one reads — never a half version. Pages are never rewritten after the header.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from './audit';
import { batchWrite } from './batch';
import type { WriteOp } from './commit';
import { queryAll } from './query-all';
import { stripKeys, tenantPk } from './keys';
import type { TownshipScope } from './scope';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const safe = (kind: string, id: string) => {
  if (!SAFE_ID.test(id)) throw new TypeError(`not a valid ${kind} id: ${JSON.stringify(id)}`);
  return id;
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const publicationKeys = {
  header: (scope: TownshipScope, roundId: string, n: number) => ({ pk: tenantPk(scope), sk: `ROUND#${safe('round', roundId)}#PUBLICATION#${pad(n, 6)}` }),
  headerPrefix: (roundId: string) => `ROUND#${safe('round', roundId)}#PUBLICATION#`,
  pages: (scope: TownshipScope, roundId: string, n: number, runId: string) =>
    `${tenantPk(scope)}#ROUND#${safe('round', roundId)}#PUBLICATION#${pad(n, 6)}#RUN#${safe('run', runId)}`,
  listPage: (districtId: string, p: number) => `DISTRICT#${safe('district', districtId)}#PAGE#${pad(p, 5)}`,
  listPagePrefix: (districtId: string) => `DISTRICT#${safe('district', districtId)}#PAGE#`,
  changePage: (p: number) => `CHANGES#PAGE#${pad(p, 5)}`,
  changePagePrefix: 'CHANGES#PAGE#',
  override: (scope: TownshipScope, roundId: string) => ({ pk: tenantPk(scope), sk: `ROUND#${safe('round', roundId)}#PUBLICATIONOVERRIDE` }),
};

/** The counts a district's list is published with (the registration summary's figures). */
export interface PublishedCounts {
  registered: number;
  bySex: { male: number; female: number };
  byEthnicity: Record<string, number>;
  byAgeBand: Record<string, number>;
  notOnList: Record<string, number>;
}

export interface PublishedDistrict {
  id: string;
  name: string;
  pollingStations: Array<{ name: string; address: string; mobileBoxes: number }>;
  counts: PublishedCounts;
  /** Page items of this district in the version's run. */
  pages: number;
  /** The highest certificate number given in the district so far (numbers are never reused). */
  highestCertificate: number;
}

/** One published version of the township's lists (first publication or supplement). */
export interface PublicationRecord {
  roundId: string;
  townshipId: string;
  /** 1 for the publication, 2… for supplements. */
  number: number;
  kind: 'publication' | 'supplement';
  /** The calendar day it was published (the round's time zone): objections run from it (EL 29). */
  publishedOn: string;
  publishedAt: string;
  publishedBy: Actor;
  /** The run whose pages this version is: readers read no other. */
  runId: string;
  electionDay: string;
  /** Published after the E−20 deadline under the county's override. */
  late: boolean;
  override?: PublicationOverrideRecord;
  districts: PublishedDistrict[];
  totals: PublishedCounts;
  /** For a supplement: how many changes since the previous version, by kind, and their pages. */
  changes?: { added: number; removed: number; moved: number; corrected: number; pages: number };
  note: string;
  version: number;
}

/** The county's leave to publish after E−20 (recorded and audited). */
export interface PublicationOverrideRecord {
  roundId: string;
  townshipId: string;
  until: string;
  reason: string;
  grantedAt: string;
  grantedBy: Actor;
  version: number;
}

export class PublicationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every version of the township's lists in the round, oldest first (headers only). */
  async list(scope: TownshipScope, roundId: string): Promise<PublicationRecord[]> {
    return this.queryAll<PublicationRecord>(tenantPk(scope), publicationKeys.headerPrefix(roundId));
  }

  async get(scope: TownshipScope, roundId: string, n: number): Promise<PublicationRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: publicationKeys.header(scope, roundId, n), ConsistentRead: true }));
    return Item ? stripKeys<PublicationRecord>(Item) : undefined;
  }

  /** The latest version, if any. */
  async latest(scope: TownshipScope, roundId: string): Promise<PublicationRecord | undefined> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': tenantPk(scope), ':s': publicationKeys.headerPrefix(roundId) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = r.Items?.[0];
    return item ? stripKeys<PublicationRecord>(item) : undefined;
  }

  /** Writes a run's pages (before its header exists): `pages` maps a sort key to its entries. */
  async writePages(scope: TownshipScope, roundId: string, n: number, runId: string, pages: ReadonlyArray<{ sk: string; entries: unknown[] }>): Promise<void> {
    const pk = publicationKeys.pages(scope, roundId, n, runId);
    await batchWrite(
      this.doc,
      this.tableName,
      pages.map((p) => ({ pk, sk: p.sk, entity: 'publicationPage', entries: p.entries })),
    );
  }

  /** A district's frozen list in a version, in its published order. */
  async districtList<T>(scope: TownshipScope, publication: PublicationRecord, districtId: string): Promise<T[]> {
    const district = publication.districts.find((d) => d.id === districtId);
    if (!district) return [];
    const items = await this.queryAll<{ sk: string; entries: T[] }>(
      publicationKeys.pages(scope, publication.roundId, publication.number, publication.runId),
      publicationKeys.listPagePrefix(districtId),
      true,
    );
    // Only the pages the header counts: never a leftover of an earlier attempt.
    return items.filter((p) => Number(p.sk.slice(-5)) < district.pages).flatMap((p) => p.entries);
  }

  /** One page item of a district's frozen list (0-based), if the version has it. */
  async districtPage<T>(scope: TownshipScope, publication: PublicationRecord, districtId: string, page: number): Promise<T[]> {
    const district = publication.districts.find((d) => d.id === districtId);
    if (!district || page < 0 || page >= district.pages) return [];
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: publicationKeys.pages(scope, publication.roundId, publication.number, publication.runId), sk: publicationKeys.listPage(districtId, page) },
        ConsistentRead: true,
      }),
    );
    return (Item?.entries as T[] | undefined) ?? [];
  }

  /** A supplement's changes since the previous version. */
  async changes<T>(scope: TownshipScope, publication: PublicationRecord): Promise<T[]> {
    if (!publication.changes) return [];
    const count = publication.changes.pages;
    const items = await this.queryAll<{ sk: string; entries: T[] }>(
      publicationKeys.pages(scope, publication.roundId, publication.number, publication.runId),
      publicationKeys.changePagePrefix,
      true,
    );
    return items.filter((p) => Number(p.sk.slice(-5)) < count).flatMap((p) => p.entries);
  }

  write(scope: TownshipScope, publication: PublicationRecord): WriteOp {
    return {
      item: { ...publicationKeys.header(scope, publication.roundId, publication.number), entity: 'publication', ...publication },
      expect: { kind: 'absent' },
      describe: `version ${publication.number} of the voter list`,
    };
  }

  async override(scope: TownshipScope, roundId: string): Promise<PublicationOverrideRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: publicationKeys.override(scope, roundId), ConsistentRead: true }));
    return Item ? stripKeys<PublicationOverrideRecord>(Item) : undefined;
  }

  writeOverride(scope: TownshipScope, record: PublicationOverrideRecord, expect: WriteOp['expect']): WriteOp {
    return { item: { ...publicationKeys.override(scope, record.roundId), entity: 'publicationOverride', ...record }, expect, describe: 'the publication override' };
  }

  private async queryAll<T>(pk: string, skPrefix: string, keepSk = false): Promise<T[]> {
    const items = await queryAll(this.doc, this.tableName, { partition: pk, skPrefix, consistent: true });
    return items.map((i) => (keepSk ? ({ ...stripKeys<object>(i), sk: i.sk } as T) : stripKeys<T>(i)));
  }
}
