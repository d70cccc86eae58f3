/** The records the store keeps, as the rest of the platform sees them (keys stripped). */
import type { Actor } from './audit';

export interface Versioned {
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: Actor;
}

export interface PhaseRecord {
  key: 'preparation' | 'districtDivision' | 'registration';
  start: string;
  end: string;
}

/** An election round (换届选举). `settings` are stored resolved (defaults filled in). */
export interface RoundRecord extends Versioned {
  id: string;
  countyId: string;
  name: string;
  electionDay: string;
  timeZone: string;
  countyDeputyTotal: number | null;
  settings: Record<string, unknown>;
  phases: PhaseRecord[];
}

export interface TownshipRecord extends Versioned {
  id: string;
  countyId: string;
  name: string;
  kind: 'town' | 'township' | 'ethnic_township' | 'subdistrict';
  population: { registered: number; resident: number };
  officers: Array<{ name: string; title?: string; phone?: string; email?: string }>;
}

/** A confirmed seat allocation, kept as it was confirmed (the figures of that day). */
export interface ApportionmentRecord extends Versioned {
  roundId: string;
  countyId: string;
  /** The confirmed view, as returned to the county admin. */
  view: Record<string, unknown> & { allocations: Array<{ townshipId: string; seats: number }> };
}
