/** The voter roll's records (issue 4), keys stripped, as the rest of the platform sees them. */
import type { Actor } from './audit';
import type { Versioned } from './records';

/** 投票站: where ballots are cast, with its mobile ballot boxes (流动票箱). */
export interface PollingStation {
  name: string;
  address: string;
  mobileBoxes: number;
}

/** An electoral district (选区) of a township in a round. */
export interface DistrictRecord extends Versioned {
  id: string;
  roundId: string;
  townshipId: string;
  name: string;
  area: string;
  population: number;
  seats: number;
  pollingStations: PollingStation[];
  /** 选区工作组: the district officers; `sub` links a user whose token names this district. */
  officers: Array<{ name: string; sub?: string; phone?: string }>;
}

export type DivisionStatus = 'draft' | 'submitted' | 'approved' | 'returned';

/** The township's division into districts, as submitted to and decided by the county. */
export interface DivisionRecord extends Versioned {
  roundId: string;
  townshipId: string;
  countyId: string;
  status: DivisionStatus;
  /** The districts and their measures as submitted: what the county approved or returned. */
  submitted?: { at: string; by: Actor; districts: Array<{ id: string; name: string; population: number; seats: number }> };
  decision?: { approved: boolean; comment: string; at: string; by: Actor };
}

/** Why someone is not (or no longer) on the list (DOMAIN.md "Eligibility"; ZJ 32, EL 27). */
export const VOTER_STATUSES = [
  'registered',
  'deceased',
  'moved_away',
  'deprived',
  'unable',
  'suspended',
  'elsewhere',
] as const;
export type VoterStatus = (typeof VOTER_STATUSES)[number];

export type Residence = 'hukou' | 'resident';

/** A registered voter (选民). The resident ID is kept masked; `personKey` is its keyed hash. */
export interface VoterRecord {
  id: string;
  roundId: string;
  townshipId: string;
  districtId: string;
  name: string;
  maskedId: string;
  personKey: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  address: string;
  /** 户籍 (hukou) or 居住 (lives here, with a certificate from the hukou place; R83 §9, ZJ 27). */
  residence: Residence;
  status: VoterStatus;
  statusChange?: { reason: string; date: string; at: string; by: Actor };
  /** The last move between districts (选民变更选区). */
  move?: { fromDistrictId: string; reason: string; date: string; at: string; by: Actor };
  source: { kind: 'import'; importId: string; row: number } | { kind: 'manual'; requestId: string };
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Who holds a person's one registration in the round: names only, nothing of the roll. */
export interface PersonRecord {
  roundId: string;
  townshipId: string;
  townshipName: string;
  districtId: string;
  districtName: string;
  voterId: string;
  /** The import (or manual request) that registered the person: makes a resumed chunk idempotent. */
  source: string;
  row: number;
  /** Moves only when the county resolves a conflict in favour of another registration. */
  version: number;
}

/** A registration refused because the person is registered elsewhere in the county. */
export interface ConflictRecord {
  personKey: string;
  roundId: string;
  townshipId: string;
  districtId: string;
  districtName: string;
  name: string;
  maskedId: string;
  /** The refused registration, kept so that the county can let it stand instead. */
  voter: VoterRecord;
  /** Where the person is registered: township and district names, nothing else. */
  other: { townshipId: string; townshipName: string; districtId: string; districtName: string };
  status: 'open' | 'resolved';
  resolution?: { stands: 'existing' | 'claimant'; note: string; at: string; by: Actor };
  detectedAt: string;
  source: string;
  version: number;
}

export type ImportStatus = 'awaiting-upload' | 'queued' | 'running' | 'done' | 'failed' | 'duplicate';

export interface ImportCounts {
  rowsRead: number;
  registered: number;
  invalid: number;
  conflicts: number;
  alreadyRegistered: number;
}

/** A voter import (选民登记导入): its file, progress, checkpoint and outcome. */
export interface ImportRecord extends Versioned, ImportCounts {
  id: string;
  roundId: string;
  townshipId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  /** Where the uploaded file is (S3 object key or local upload name). */
  uploadKey: string;
  sha256?: string;
  /** Data rows in the file, known after the first pass. */
  totalRows?: number;
  /** Same content as an earlier import: nothing registered twice. */
  duplicateOf?: string;
  /** Rows 1..checkpoint (data rows, header excluded) are done: a resumed run starts after it. */
  checkpoint: number;
  chunks: number;
  /** The runner that holds the import until then; another may take over after it. */
  lease?: { owner: string; until: string };
  error?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** One line of an import's row-by-row report (row number, field, reason). */
export interface ImportReportRow {
  row: number;
  field: string;
  reason: string;
  kind: 'invalid' | 'conflict' | 'already-registered' | 'duplicate-in-file';
}
