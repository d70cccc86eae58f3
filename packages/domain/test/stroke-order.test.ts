import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareByStrokeOrder, sortByStrokeOrder, strokeClass, strokeKey } from '../src/stroke-order';

describe('stroke order of surnames (姓氏笔画, ZJ 35–36)', () => {
  it('counts strokes first: 丁 (2) 王 (4) 石 (5) 刘 (6) 张 (7)', () => {
    expect(sortByStrokeOrder(['张伟', '刘洋', '王芳', '丁一', '石磊'], (n) => n)).toEqual(['丁一', '王芳', '石磊', '刘洋', '张伟']);
  });

  it('orders equal counts by the first differing stroke, 横 竖 撇 点 折: 李 (横起) before 张 (折起)', () => {
    expect(strokeKey('李')![0]).toBe(7);
    expect(strokeKey('张')![0]).toBe(7);
    expect(compareByStrokeOrder('李四', '张三')).toBeLessThan(0);
  });

  it('goes on to the given name when the surnames are the same, and puts the shorter name first', () => {
    expect(sortByStrokeOrder(['王五', '王二', '王'], (n) => n)).toEqual(['王', '王二', '王五']);
  });

  it('ranks the stroke shapes in five classes', () => {
    expect(['一', '㇀', '丨', '亅', '丿', '丶', '㇏', '𠃍', '乛'].map(strokeClass)).toEqual([1, 1, 2, 2, 3, 4, 4, 5, 5]);
  });

  it('puts characters it does not know after those it knows', () => {
    expect(compareByStrokeOrder('王', 'Zhang')).toBeLessThan(0);
  });

  const names = fc.array(fc.constantFrom(...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾'), { minLength: 1, maxLength: 3 }).map((c) => c.join(''));

  it('property: a total order — antisymmetric and transitive, sorting is stable under reordering', () => {
    fc.assert(
      fc.property(names, names, names, (a, b, c) => {
        expect(Math.sign(compareByStrokeOrder(a, b)) + 0).toBe(-Math.sign(compareByStrokeOrder(b, a)) + 0);
        if (compareByStrokeOrder(a, b) <= 0 && compareByStrokeOrder(b, c) <= 0) expect(compareByStrokeOrder(a, c)).toBeLessThanOrEqual(0);
      }),
    );
    fc.assert(
      fc.property(fc.array(names, { maxLength: 20 }), (list) => {
        expect(sortByStrokeOrder(list, (n) => n)).toEqual(sortByStrokeOrder([...list].reverse(), (n) => n));
      }),
    );
  });
});
