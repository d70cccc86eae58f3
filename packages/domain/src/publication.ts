/**
 * Deadlines of the voter list (DOMAIN.md "Timeline"): the list is published by E−20 (EL 28,
 * setting `voterListDaysBefore`) unless the county has granted an override, which is recorded;
 * an objection (申诉) may be filed until publication + 5 (EL 29, `objectionFilingDays`) and must be
 * decided within 3 days of its filing (`objectionDecisionDays`); an undecided one after that is
 * overdue and is flagged to the county. The day of the deadline itself is still in time.
 */
import { addDays, compareDates, type IsoDate } from './dates';

export interface PublicationOverride {
  /** Who at the county granted it, and why: recorded with the publication. */
  grantedBy: string;
  reason: string;
  /** The last day the late publication is allowed. */
  until: IsoDate;
}

export type PublicationCheck =
  | { allowed: true; late: false }
  | { allowed: true; late: true; override: PublicationOverride }
  | { allowed: false; reason: string };

/** May the list be published on `today`, given its deadline and a county override if any? */
export function checkPublication(today: IsoDate, deadline: IsoDate, override?: PublicationOverride): PublicationCheck {
  if (compareDates(today, deadline) <= 0) return { allowed: true, late: false };
  if (override && compareDates(today, override.until) <= 0) return { allowed: true, late: true, override };
  return {
    allowed: false,
    reason: override
      ? `县选举委员会准予延期公布至 ${override.until}，今天（${today}）已过`
      : `选民名单应于 ${deadline} 以前公布（选举法第28条），今天（${today}）已过；需县选举委员会准予延期`,
  };
}

/** The last day to file an objection to a list published on `publishedOn` (EL 29). */
export const objectionFilingDeadline = (publishedOn: IsoDate, filingDays = 5): IsoDate => addDays(publishedOn, filingDays);

export type FilingCheck = { allowed: true; deadline: IsoDate } | { allowed: false; deadline: IsoDate; reason: string };

export function checkObjectionFiling(publishedOn: IsoDate, filedOn: IsoDate, filingDays = 5): FilingCheck {
  const deadline = objectionFilingDeadline(publishedOn, filingDays);
  if (compareDates(filedOn, publishedOn) < 0) return { allowed: false, deadline, reason: '选民名单尚未公布' };
  if (compareDates(filedOn, deadline) > 0) {
    return { allowed: false, deadline, reason: `申诉应在选民名单公布之日起${filingDays}日内提出（至 ${deadline}），已逾期（选举法第29条）` };
  }
  return { allowed: true, deadline };
}

/** The last day to decide an objection filed on `filedOn` (EL 29). */
export const objectionDecisionDue = (filedOn: IsoDate, decisionDays = 3): IsoDate => addDays(filedOn, decisionDays);

/** An objection still undecided after its decision day: flagged for the county. */
export function isObjectionOverdue(filedOn: IsoDate, today: IsoDate, decided: boolean, decisionDays = 3): boolean {
  return !decided && compareDates(today, objectionDecisionDue(filedOn, decisionDays)) > 0;
}
