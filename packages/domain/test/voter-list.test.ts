import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateNumber, checkObjectionDecision, freezeDistrict, listChanges, pages, type FrozenVoter } from '../src/voter-list';

const v = (id: string, name: string): Omit<FrozenVoter, 'certificate'> => ({ id, name, sex: 'male', maskedId: '330102********0012' });

describe('EL 28 — a frozen district list: stroke order of surname, certificates kept across versions', () => {
  it('orders by stroke order of surname (王 4 strokes, 李 7, 张 7: 李 before 张 by the first stroke) and numbers 1..n', () => {
    const { voters, highest } = freezeDistrict([v('c', '张三'), v('a', '王五'), v('b', '李四')], new Map(), 0);
    expect(voters.map((x) => x.name)).toEqual(['王五', '李四', '张三']);
    expect(voters.map((x) => x.certificate)).toEqual([1, 2, 3]);
    expect(highest).toBe(3);
  });

  it('keeps a voter’s certificate number in a supplement and never reuses a number', () => {
    const first = freezeDistrict([v('a', '王五'), v('b', '李四'), v('c', '张三')], new Map(), 0);
    const kept = new Map(first.voters.map((x) => [x.id, x.certificate]));
    kept.delete('b'); // 李四 left the list
    const second = freezeDistrict([v('a', '王五'), v('c', '张三'), v('d', '丁一')], kept, first.highest);
    expect(Object.fromEntries(second.voters.map((x) => [x.id, x.certificate]))).toEqual({ a: 1, c: 3, d: 4 });
    expect(second.voters[0]!.name).toBe('丁一'); // 丁 has 2 strokes
  });

  it('numbers are unique whatever the list (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 60 }), fc.integer({ min: 0, max: 99 }), (ids, highest) => {
        const { voters, highest: h } = freezeDistrict(ids.map((id) => v(id, id)), new Map(), highest);
        expect(new Set(voters.map((x) => x.certificate)).size).toBe(ids.length);
        expect(h).toBe(highest + ids.length);
      }),
    );
  });

  it('prints a certificate number with its district', () => expect(certificateNumber('d1', 42)).toBe('d1-00042'));
});

describe('pages of a frozen list', () => {
  it('cuts into pages of at most the size, keeping the order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 50 }), (items, size) => {
        const p = pages(items, size);
        expect(p.flat()).toEqual(items);
        expect(p.every((x) => x.length >= 1 && x.length <= size)).toBe(true);
      }),
    );
  });
  it('refuses a page size below 1', () => expect(() => pages([1], 0)).toThrow(RangeError));
});

describe('supplement (补充公布): the changes since the previous version', () => {
  const f = (id: string, name: string, certificate = 1): FrozenVoter => ({ ...v(id, name), certificate });
  it('finds added, removed with the reason, moved and corrected voters', () => {
    const before = new Map([
      ['d1', [f('a', '王五'), f('b', '李四'), f('c', '张三')]],
      ['d2', [f('e', '赵六')]],
    ]);
    const after = new Map([
      ['d1', [f('a', '王五'), f('c', '张叁'), f('d', '丁一')]],
      ['d2', [f('e', '赵六'), f('b', '李四')]],
    ]);
    const changes = listChanges(before, after, (id) => (id === 'x' ? 'deceased' : undefined));
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'corrected', districtId: 'd1', voter: expect.objectContaining({ name: '张叁' }) }),
        expect.objectContaining({ kind: 'added', districtId: 'd1', voter: expect.objectContaining({ id: 'd' }) }),
        expect.objectContaining({ kind: 'moved', districtId: 'd2', fromDistrictId: 'd1' }),
      ]),
    );
    expect(changes).toHaveLength(3);
    const removed = listChanges(before, new Map([['d1', [f('a', '王五'), f('c', '张三')]], ['d2', [f('e', '赵六')]]]), () => 'deceased');
    expect(removed).toEqual([{ kind: 'removed', districtId: 'd1', voter: f('b', '李四'), reason: 'deceased' }]);
  });
  it('finds no change between a version and itself', () => {
    const same = new Map([['d1', [f('a', '王五')]]]);
    expect(listChanges(same, same, () => undefined)).toEqual([]);
  });
});

describe('EL 29 — an objection’s decision and the change it makes to the roll', () => {
  it.each([
    ['omitted', true, 'add', 0],
    ['omitted', true, 'none', 1],
    ['wrongly_listed', true, 'status', 0],
    ['wrongly_listed', true, 'add', 1],
    ['wrong_particulars', true, 'none', 0],
    ['omitted', false, 'none', 0],
    ['omitted', false, 'add', 1],
  ] as const)('%s, upheld %s, change %s → %i problems', (kind, upheld, change, n) => {
    expect(checkObjectionDecision(kind, upheld, change)).toHaveLength(n);
  });
});
