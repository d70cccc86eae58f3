/**
 * Objections to the published voter list (申诉, EL 29).
 *
 * | item      | pk              | sk                          | county index (gsi1), while undecided only                 |
 * |-----------|-----------------|-----------------------------|-----------------------------------------------------------|
 * | objection | TOWNSHIP#<tid>  | ROUND#<rid>#OBJECTION#<oid> | COUNTY#<cid>#ROUND#<rid>#OBJECTION#OPEN, <due>#<tid>#<oid> |
 *
 * The county index entry is sparse: an objection is in it while undecided, sorted by the day its
 * decision is due, so "undecided past their due date across the county" is one Query (sort key
 * below today), never a Scan. The decision rewrites the item without the index attributes.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from './audit';
import type { WriteOp } from './commit';
import { stripKeys, tenantPk } from './keys';
import type { CountyScope, TownshipScope } from './scope';
import { COUNTY_INDEX } from './table';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const safe = (kind: string, id: string) => {
  if (!SAFE_ID.test(id)) throw new TypeError(`not a valid ${kind} id: ${JSON.stringify(id)}`);
  return id;
};

export const objectionKeys = {
  objection: (scope: TownshipScope, roundId: string, id: string) => ({ pk: tenantPk(scope), sk: `ROUND#${safe('round', roundId)}#OBJECTION#${safe('objection', id)}` }),
  prefix: (roundId: string) => `ROUND#${safe('round', roundId)}#OBJECTION#`,
  countyOpen: (scope: CountyScope | TownshipScope, roundId: string) => `COUNTY#${scope.countyId}#ROUND#${safe('round', roundId)}#OBJECTION#OPEN`,
};

export interface ObjectionRecord {
  id: string;
  roundId: string;
  townshipId: string;
  townshipName: string;
  districtId: string;
  /** Who filed it (申诉人). */
  filedBy: { name: string; phone?: string; relation: string };
  /** Whom it is about: a name and, when known, the masked ID or the voter on the roll. */
  about: { name: string; maskedId?: string; voterId?: string };
  kind: string;
  text: string;
  filedOn: string;
  filedAt: string;
  recordedBy: Actor;
  /** The publication it objects to, and the last day it could be filed. */
  publication: number;
  filingDeadline: string;
  decisionDue: string;
  status: 'open' | 'decided';
  decision?: {
    upheld: boolean;
    reason: string;
    decidedOn: string;
    at: string;
    by: Actor;
    late: boolean;
    change: { kind: 'none' } | { kind: 'add'; voterId: string; districtId: string } | { kind: 'status'; voterId: string; districtId: string; status: string };
  };
  version: number;
}

export class ObjectionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(scope: TownshipScope, roundId: string, id: string): Promise<ObjectionRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: objectionKeys.objection(scope, roundId, id), ConsistentRead: true }));
    return Item ? stripKeys<ObjectionRecord>(Item) : undefined;
  }

  /** Every objection of the township in the round, oldest first (ids are UUID v7). */
  async list(scope: TownshipScope, roundId: string): Promise<ObjectionRecord[]> {
    return this.queryAll({ pk: tenantPk(scope), prefix: objectionKeys.prefix(roundId) });
  }

  /** Undecided objections of the county whose decision was due before `today`, from the county index. */
  async overdue(scope: CountyScope, roundId: string, today: string): Promise<ObjectionRecord[]> {
    return this.queryAll({ index: true, pk: objectionKeys.countyOpen(scope, roundId), below: today });
  }

  write(scope: TownshipScope, o: ObjectionRecord, expect: WriteOp['expect']): WriteOp {
    const open = o.status === 'open'
      ? { [COUNTY_INDEX.partition]: objectionKeys.countyOpen(scope, o.roundId), [COUNTY_INDEX.sort]: `${o.decisionDue}#${o.townshipId}#${o.id}` }
      : {};
    return { item: { ...objectionKeys.objection(scope, o.roundId, o.id), entity: 'objection', ...open, ...o }, expect, describe: `objection ${o.id}` };
  }

  private async queryAll(q: { index?: boolean; pk: string; prefix?: string; below?: string }): Promise<ObjectionRecord[]> {
    const out: ObjectionRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    const p = q.index ? COUNTY_INDEX.partition : 'pk';
    const s = q.index ? COUNTY_INDEX.sort : 'sk';
    do {
      const r = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          ...(q.index ? { IndexName: COUNTY_INDEX.name } : { ConsistentRead: true }),
          KeyConditionExpression: q.prefix ? '#p = :p AND begins_with(#s, :s)' : q.below ? '#p = :p AND #s < :s' : '#p = :p',
          ExpressionAttributeNames: { '#p': p, ...(q.prefix || q.below ? { '#s': s } : {}) },
          ExpressionAttributeValues: { ':p': q.pk, ...(q.prefix ? { ':s': q.prefix } : q.below ? { ':s': q.below } : {}) },
          ExclusiveStartKey,
        }),
      );
      out.push(...(r.Items ?? []).map((i) => stripKeys<ObjectionRecord>(i)));
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return out;
  }
}
