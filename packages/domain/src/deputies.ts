/**
 * Reference deputy totals (代表总名额) of county and township congresses, EL 12–14.
 *
 * EL 12: county (县、自治县、不设区的市、市辖区) — base 140, one more per 5,000 people, at most
 * 450, fewer than 140 allowed under 50,000 people; township (乡、民族乡、镇) — base 45, one more
 * per 1,500 people, at most 160, fewer than 45 allowed under 2,000 people. "可以另加百分之五":
 * with the provincial standing committee's decision (areas with many minorities or a dispersed
 * population) the total may be raised by up to 5%. EL 13–14: the provincial standing committee
 * fixes the actual number, which stays fixed for the term. The figure computed here is therefore
 * a reference; the official total is an input of the round.
 */
import { DomainError } from './errors';

export type CongressLevel = 'county' | 'township';

export interface ReferenceTotal {
  level: CongressLevel;
  population: number;
  /** 代表名额基数: 140 (county) or 45 (township). */
  base: number;
  /** One deputy per full 5,000 (county) or 1,500 (township) people, rounded down. */
  addOn: number;
  /** 代表总名额不得超过: 450 (county) or 160 (township). */
  cap: number;
  /** min(base + addOn, cap) plus the provincial extra, if any. */
  total: number;
  /** The population is small enough that the total may be set below the base. */
  mayBeFewer: boolean;
  article: string;
}

const RULES: Record<CongressLevel, { base: number; perPeople: number; cap: number; fewerBelow: number; article: string }> = {
  county: { base: 140, perPeople: 5_000, cap: 450, fewerBelow: 50_000, article: 'EL 12(3); EL 13–14' },
  township: { base: 45, perPeople: 1_500, cap: 160, fewerBelow: 2_000, article: 'EL 12(4); EL 13–14' },
};

/**
 * The reference total for a congress of `level` over `population` people (EL 12).
 *
 * Reading of the provincial extra (EL 12 ¶2, "代表名额可以另加百分之五"): it is added on top of
 * the total the general rule gives, i.e. after the cap, as floor(total × pct / 100) — rounded down
 * like the per-N add-on, so the extra never exceeds the granted percentage. A capped total can
 * therefore exceed the cap (450 + 5% → 472); `cap` still reports the general cap.
 *
 * Throws DomainError INVALID_POPULATION (negative or non-integer population) or
 * INVALID_PERCENTAGE (pct outside 0..5).
 */
export function referenceDeputyTotal(level: CongressLevel, population: number, provincialExtraPct = 0): ReferenceTotal {
  const rule = RULES[level];
  if (!rule) throw new DomainError('INVALID_LEVEL', `level must be 'county' or 'township': ${String(level)}`, { field: 'level' });
  if (typeof population !== 'number' || !Number.isSafeInteger(population) || population < 0) {
    throw new DomainError('INVALID_POPULATION', `population must be a whole number, 0 or more: ${population}`, { field: 'population' });
  }
  if (typeof provincialExtraPct !== 'number' || !Number.isFinite(provincialExtraPct) || provincialExtraPct < 0 || provincialExtraPct > 5) {
    throw new DomainError('INVALID_PERCENTAGE', `the provincial extra must be between 0 and 5 percent (EL 12): ${provincialExtraPct}`, {
      field: 'provincialExtraPct',
    });
  }
  const addOn = Math.floor(population / rule.perPeople);
  const capped = Math.min(rule.base + addOn, rule.cap);
  // The epsilon absorbs binary rounding of decimal percentages (e.g. 300 × 1.1 / 100).
  const extra = Math.floor((capped * provincialExtraPct) / 100 + 1e-9);
  return {
    level,
    population,
    base: rule.base,
    addOn,
    cap: rule.cap,
    total: capped + extra,
    mayBeFewer: population < rule.fewerBelow,
    article: rule.article,
  };
}
