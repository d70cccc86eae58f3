import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskResidentId, normaliseResidentId, parseResidentId, residentIdCheckCharacter } from '../src/resident-id';

/** A valid ID for a birth date and sequence (the check character computed). */
const idFor = (region: string, birth: string, seq: string) => {
  const first17 = `${region}${birth.replaceAll('-', '')}${seq}`;
  return first17 + residentIdCheckCharacter(first17);
};

describe('resident ID (GB 11643, ISO 7064 MOD 11-2) — DOMAIN.md "Validation"', () => {
  it.each([
    // The standard's own example: a woman born 1949-12-31, check character X.
    ['11010519491231002X', '1949-12-31', 'female'],
    ['11010519491231002x', '1949-12-31', 'female'],
    [' 110105 19491231 002X ', '1949-12-31', 'female'],
    ['１１０１０５１９４９１２３１００２Ｘ', '1949-12-31', 'female'],
    ['330102198001010018', '1980-01-01', 'male'],
    ['330102200002290023', '2000-02-29', 'female'],
  ])('%s is valid: born %s, %s', (raw, birthDate, sex) => {
    const result = parseResidentId(raw);
    expect(result).toEqual({ ok: true, value: { id: normaliseResidentId(raw), birthDate, sex, regionCode: normaliseResidentId(raw).slice(0, 6) } });
  });

  it.each([
    ['110105194912310021', 'check-character'], // X expected
    ['330102198001010013', 'check-character'],
    ['33010219800101001', 'format'], // 17 characters
    ['3301021980010100188', 'format'],
    ['33010219800101001A', 'format'],
    ['X30102198001010013', 'format'],
    ['', 'format'],
    [idFor('330102', '1900-02-29', '001'), 'birth-date'], // 1900 was not a leap year
    [idFor('330102', '1999-13-01', '001'), 'birth-date'],
    [idFor('330102', '1899-12-31', '001'), 'birth-date'],
  ])('%s is refused (%s)', (raw, code) => {
    const result = parseResidentId(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe(code);
  });

  it('refuses a birth date after the given latest date (born in the future)', () => {
    const id = idFor('330102', '2026-11-25', '001');
    expect(parseResidentId(id, '2026-11-24').ok).toBe(false);
    expect(parseResidentId(id, '2026-11-25').ok).toBe(true);
  });

  it('derives the sex from the 17th character: odd male, even female', () => {
    expect(parseResidentId(idFor('330102', '1980-01-01', '001'))).toMatchObject({ value: { sex: 'male' } });
    expect(parseResidentId(idFor('330102', '1980-01-01', '002'))).toMatchObject({ value: { sex: 'female' } });
  });

  it('masks all but the first 6 and last 4 characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const birth = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('property: every ID built with its check character parses back to its birth date', () => {
    fc.assert(
      fc.property(digits(6), birth, digits(3), (region, b, seq) => {
        const r = parseResidentId(idFor(region, b, seq));
        expect(r.ok && r.value.birthDate).toBe(b);
      }),
    );
  });

  it('property: changing any one of the 17 digits, or the check character, is detected', () => {
    fc.assert(
      fc.property(digits(6), birth, digits(3), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (region, b, seq, pos, delta) => {
        const id = idFor(region, b, seq);
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(id[pos]!);
        const replaced = alphabet[(current + delta) % alphabet.length]!;
        fc.pre(replaced !== id[pos]);
        const changed = id.slice(0, pos) + replaced + id.slice(pos + 1);
        expect(parseResidentId(changed).ok).toBe(false);
      }),
    );
  });

  it('property: masking keeps the length, the first 6 and the last 4', () => {
    fc.assert(
      fc.property(digits(6), birth, digits(3), (region, b, seq) => {
        const id = idFor(region, b, seq);
        const masked = maskResidentId(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(0, 6)).toBe(id.slice(0, 6));
        expect(masked.slice(-4)).toBe(id.slice(-4));
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });
});
