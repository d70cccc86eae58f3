import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBand, rollStatistics, type StatVoter } from '../src/roll-statistics';

const v = (districtId: string, sex: 'male' | 'female', birthDate: string, status = 'registered', ethnicity = '汉族'): StatVoter => ({ districtId, sex, ethnicity, birthDate, status });

describe('roll statistics (选民登记统计)', () => {
  it.each([
    ['2008-11-10', '18-35'], // 18 on election day
    ['1990-11-10', '36-59'], // 36 exactly
    ['1990-11-11', '18-35'], // 35 until tomorrow
    ['1966-11-10', '60+'],
    ['1966-11-11', '36-59'],
  ])('born %s is in the band %s on 2026-11-10', (birth, band) => {
    expect(ageBand(birth, '2026-11-10')).toBe(band);
  });

  it('counts the registered by district, sex, ethnicity and age band, and the others by reason', () => {
    const s = rollStatistics(
      [v('d1', 'male', '1980-01-01'), v('d1', 'female', '2000-01-01', 'registered', '畲族'), v('d2', 'male', '1950-01-01'), v('d2', 'female', '1950-01-01', 'deceased'), v('d2', 'male', '1970-01-01', 'elsewhere')],
      '2026-11-10',
    );
    expect(s.total).toEqual({
      registered: 3,
      bySex: { male: 2, female: 1 },
      byEthnicity: { 汉族: 2, 畲族: 1 },
      byAgeBand: { '18-35': 1, '36-59': 1, '60+': 1 },
      notOnList: { deceased: 1, elsewhere: 1 },
    });
    expect(s.districts.d2!.registered).toBe(1);
    expect(s.districts.d2!.notOnList).toEqual({ deceased: 1, elsewhere: 1 });
  });

  it('property: every breakdown adds up to the registered total, districts to the township', () => {
    const voter = fc.record({
      districtId: fc.constantFrom('d1', 'd2', 'd3'),
      sex: fc.constantFrom('male' as const, 'female' as const),
      ethnicity: fc.constantFrom('汉族', '回族', ''),
      birthDate: fc.integer({ min: 0, max: 25_000 }).map((n) => new Date(Date.UTC(1930, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)),
      status: fc.constantFrom('registered', 'registered', 'deceased', 'unable'),
    });
    fc.assert(
      fc.property(fc.array(voter, { maxLength: 60 }), (voters) => {
        const { total, districts } = rollStatistics(voters, '2026-11-10');
        const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
        expect(sum(total.bySex)).toBe(total.registered);
        expect(sum(total.byEthnicity)).toBe(total.registered);
        expect(sum(total.byAgeBand)).toBe(total.registered);
        expect(total.registered + sum(total.notOnList)).toBe(voters.length);
        expect(Object.values(districts).reduce((a, d) => a + d.registered, 0)).toBe(total.registered);
      }),
    );
  });
});
