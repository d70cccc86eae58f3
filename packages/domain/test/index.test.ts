import { describe, expect, it } from 'vitest';
import * as domain from '../src/index';

describe('@township/domain — public API', () => {
  it.each([
    'DomainError',
    'isDomainError',
    'isIsoDate',
    'addDays',
    'daysBetween',
    'compareDates',
    'todayIn',
    'NATIONAL_DEFAULTS',
    'resolveSettings',
    'validateSettings',
    'referenceDeputyTotal',
    'apportionSeats',
    'applyOverrides',
    'deviationWarnings',
    'candidateCountRange',
    'validatePhases',
    'PHASE_ORDER',
    'STAGE_ORDER',
    'computeTimeline',
    'currentStage',
  ])('exports %s', (name) => {
    expect(domain).toHaveProperty(name);
  });
});
