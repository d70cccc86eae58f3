/** The published voter list (选民名单公布, EL 28), its versions and the objections to it (申诉, EL 29). */
import { z } from 'zod';
import { ActorRef, IsoDate, RoundId, Timestamp, TownshipId } from './common';
import { DistrictId } from './roll-districts';
import { VoterId, VoterStatus } from './roll-voters';

export const PublicationParams = z.strictObject({ townshipId: TownshipId, roundId: RoundId });
export const CountyObjectionParams = z.strictObject({ roundId: RoundId });

export const PublishBody = z.strictObject({
  /** What the notice says besides the list (e.g. where objections are received). */
  note: z.string().trim().max(500).default(''),
});

const Counts = z.object({
  registered: z.number().int(),
  bySex: z.object({ male: z.number().int(), female: z.number().int() }),
  byEthnicity: z.record(z.string(), z.number().int()),
  byAgeBand: z.record(z.string(), z.number().int()),
  notOnList: z.record(z.string(), z.number().int()),
});

export const ListChange = z.object({
  kind: z.enum(['added', 'removed', 'moved', 'corrected']),
  districtId: z.string(),
  fromDistrictId: z.string().optional(),
  reason: z.string().optional(),
  voter: z.object({ id: z.string(), name: z.string(), sex: z.enum(['male', 'female']), maskedId: z.string(), certificate: z.number().int() }),
  before: z.object({ name: z.string(), maskedId: z.string() }).passthrough().optional(),
});

export const Publication = z.object({
  roundId: RoundId,
  townshipId: TownshipId,
  number: z.number().int().positive(),
  kind: z.enum(['publication', 'supplement']),
  publishedOn: IsoDate,
  publishedAt: Timestamp,
  publishedBy: ActorRef,
  electionDay: IsoDate,
  late: z.boolean(),
  override: z.object({ until: IsoDate, reason: z.string(), grantedAt: Timestamp, grantedBy: ActorRef }).passthrough().optional(),
  districts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      pollingStations: z.array(z.object({ name: z.string(), address: z.string(), mobileBoxes: z.number().int() })),
      counts: Counts,
      pages: z.number().int(),
      highestCertificate: z.number().int(),
    }),
  ),
  totals: Counts,
  changes: z.object({ added: z.number().int(), removed: z.number().int(), moved: z.number().int(), corrected: z.number().int(), pages: z.number().int() }).optional(),
  /** With `?number=`: the supplement's changes since the previous version (the districts you see). */
  changeList: z.array(ListChange).optional(),
  /** The last day to file an objection to this version (EL 29). */
  objectionsUntil: IsoDate,
  note: z.string(),
  version: z.number().int(),
});

export const PublicationQuery = z.strictObject({ number: z.coerce.number().int().min(1).max(9999).optional() });
export const PublicationList = z.object({ items: z.array(Publication) });

export const OverrideBody = z.strictObject({
  /** The last day the late publication is allowed. */
  until: IsoDate,
  reason: z.string().trim().min(1).max(500),
});
export const Override = z.object({
  roundId: RoundId,
  townshipId: TownshipId,
  until: IsoDate,
  reason: z.string(),
  grantedAt: Timestamp,
  grantedBy: ActorRef,
  version: z.number().int(),
});

export const DocumentQuery = z.strictObject({
  districtId: DistrictId.optional(),
  /** The version (default: the latest). */
  number: z.coerce.number().int().min(1).max(9999).optional(),
});
export const CertificatesQuery = DocumentQuery.extend({
  /** Certificates come 500 to a document (a Lambda answers at most 6 MB): 1, 2, … over the districts. */
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});
/** A printable HTML document (text/html). */
export const HtmlDocument = z.string();

export const ObjectionKind = z.enum(['omitted', 'wrongly_listed', 'wrong_particulars', 'other']);
export const ObjectionId = z.uuid();

export const FileObjectionBody = z.strictObject({
  districtId: DistrictId,
  filedBy: z.strictObject({
    name: z.string().trim().min(1).max(50),
    phone: z.string().regex(/^\+?[0-9-]{5,20}$/, 'a phone number').optional(),
    /** 本人, 近亲属, 本选区选民, … */
    relation: z.string().trim().min(1).max(50).default('本人'),
  }),
  about: z.strictObject({
    name: z.string().trim().min(1).max(50),
    maskedId: z.string().regex(/^\d{6}\*{8}[\dX]{4}$/, 'the masked resident ID (330102********0012): never the whole ID').optional(),
    voterId: VoterId.optional(),
  }),
  kind: ObjectionKind,
  text: z.string().trim().min(1).max(2000),
});

export const ObjectionChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  /** Add the person left off (漏登): registered in the objection's district. */
  z.strictObject({
    kind: z.literal('add'),
    name: z.string().trim().min(1).max(50),
    residentId: z.string().trim().min(15).max(24),
    ethnicity: z.string().trim().max(20).default(''),
    address: z.string().trim().max(200).default(''),
    residence: z.enum(['hukou', 'resident']).default('hukou'),
  }),
  /** Change the status of a voter of the objection's district (错登). */
  z.strictObject({ kind: z.literal('status'), voterId: VoterId, status: VoterStatus }),
]);

export const DecideObjectionBody = z.strictObject({
  objectionId: ObjectionId,
  upheld: z.boolean(),
  reason: z.string().trim().min(1).max(2000),
  change: ObjectionChange.default({ kind: 'none' }),
});

export const Objection = z.object({
  id: ObjectionId,
  roundId: RoundId,
  townshipId: TownshipId,
  townshipName: z.string(),
  districtId: z.string(),
  filedBy: z.object({ name: z.string(), phone: z.string().optional(), relation: z.string() }),
  about: z.object({ name: z.string(), maskedId: z.string().optional(), voterId: z.string().optional() }),
  kind: ObjectionKind,
  text: z.string(),
  filedOn: IsoDate,
  filedAt: Timestamp,
  recordedBy: ActorRef,
  publication: z.number().int(),
  filingDeadline: IsoDate,
  decisionDue: IsoDate,
  status: z.enum(['open', 'decided']),
  decision: z
    .object({
      upheld: z.boolean(),
      reason: z.string(),
      decidedOn: IsoDate,
      at: Timestamp,
      by: ActorRef,
      late: z.boolean(),
      change: z.object({ kind: z.enum(['none', 'add', 'status']), voterId: z.string().optional(), districtId: z.string().optional(), status: z.string().optional() }),
    })
    .optional(),
  /** Undecided after its decision day (EL 29: 3 days): flagged for the county. */
  overdue: z.boolean(),
  version: z.number().int(),
});

export const ObjectionQuery = z.strictObject({ status: z.enum(['open', 'decided', 'overdue']).optional() });
export const ObjectionList = z.object({ items: z.array(Objection) });
export const OverdueObjections = z.object({ today: IsoDate, items: z.array(Objection.extend({ daysOverdue: z.number().int() })) });
