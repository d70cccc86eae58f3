import { describe, expect, it } from 'vitest';
import { CreateRoundBody } from '../../../../functions/schemas/rounds';
import { CreateTownshipBody } from '../../../../functions/schemas/townships';
import { DEMO_TOWNSHIPS, demoRound, FIRST_DEMO_TOWNSHIP } from '../../src/seed';

describe('the demo data', () => {
  it('has at least 22 townships the API accepts, with plausible populations', () => {
    expect(DEMO_TOWNSHIPS.length).toBeGreaterThanOrEqual(22);
    expect(FIRST_DEMO_TOWNSHIP).toBe('330999101');
    expect(new Set(DEMO_TOWNSHIPS.map((t) => t.id)).size).toBe(DEMO_TOWNSHIPS.length);
    expect(new Set(DEMO_TOWNSHIPS.map((t) => t.name)).size).toBe(DEMO_TOWNSHIPS.length);
    for (const township of DEMO_TOWNSHIPS) {
      const parsed = CreateTownshipBody.parse(township);
      expect(parsed.id).toMatch(/^330999\d{3}$/);
      expect(parsed.name).toMatch(/(镇|乡|街道)$/);
      for (const n of [parsed.population.registered, parsed.population.resident]) {
        expect(n).toBeGreaterThanOrEqual(6_000);
        expect(n).toBeLessThanOrEqual(80_000);
      }
      expect(parsed.officers.length).toBeGreaterThanOrEqual(1);
      expect(parsed.officers.length).toBeLessThanOrEqual(2);
    }
    expect(DEMO_TOWNSHIPS.some((t) => t.kind === 'ethnic_township')).toBe(true);
  });

  it('opens the 2026 round the brief names, valid for the API', () => {
    const round = demoRound(new Date('2026-11-24T12:00:00+08:00'));
    expect(round).toMatchObject({
      name: '临江县2026年县乡两级人民代表大会换届选举',
      electionDay: '2026-12-15',
      timeZone: 'Asia/Shanghai',
      countyDeputyTotal: 250,
      phases: [
        { key: 'preparation', start: '2026-10-08', end: '2026-10-31' },
        { key: 'districtDivision', start: '2026-11-01', end: '2026-11-15' },
        { key: 'registration', start: '2026-11-10', end: '2026-11-24' },
      ],
    });
    expect(() => CreateRoundBody.parse(round)).not.toThrow();
  });

  it('moves the round on by a year once its election day has passed', () => {
    expect(demoRound(new Date('2026-12-15T10:00:00+08:00')).electionDay).toBe('2027-12-15');
    expect(demoRound(new Date('2026-12-15T10:00:00+08:00')).name).toContain('2027年');
  });
});
