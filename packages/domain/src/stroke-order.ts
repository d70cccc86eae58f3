/**
 * Stroke order of surnames (姓氏笔画排序), how a voter list and a candidate list are ordered
 * (ZJ 35–36; the practice of the published lists): by the number of strokes of the first
 * character; equal counts by the strokes themselves in the order they are written, each ranked
 * 横 < 竖 < 撇 < 点 < 折 (GB 13000.1 stroke order, 提 counted as 横, 竖钩 as 竖, 捺 as 点, every
 * turning stroke as 折); then the next character, and so on. Stroke data: cnchar (pure data, no
 * I/O). A character it does not know sorts after those it knows, by code point.
 */
import cnchar from 'cnchar';
import order from 'cnchar-order';

cnchar.use(order);

const HENG = new Set(['一', '㇀']);
const SHU = new Set(['丨', '亅']);
const PIE = new Set(['丿']);
const DIAN = new Set(['丶', '㇏']);

/** 1 横, 2 竖, 3 撇, 4 点, 5 折. */
export function strokeClass(shape: string): 1 | 2 | 3 | 4 | 5 {
  if (HENG.has(shape)) return 1;
  if (SHU.has(shape)) return 2;
  if (PIE.has(shape)) return 3;
  if (DIAN.has(shape)) return 4;
  return 5;
}

const cache = new Map<string, number[] | null>();

/** The character's key: its stroke count, then the classes of its strokes; null if unknown. */
export function strokeKey(char: string): number[] | null {
  const cached = cache.get(char);
  if (cached !== undefined) return cached;
  const shapes = (cnchar.stroke(char, 'order', 'shape') as Array<string[] | null>)[0];
  const key = shapes && shapes.length ? [shapes.length, ...shapes.map((s) => strokeClass(s.split('|')[0]!))] : null;
  cache.set(char, key);
  return key;
}

function compareChars(a: string, b: string): number {
  if (a === b) return 0;
  const ka = strokeKey(a);
  const kb = strokeKey(b);
  if (ka && !kb) return -1;
  if (!ka && kb) return 1;
  if (ka && kb) {
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    if (ka.length !== kb.length) return ka.length - kb.length;
  }
  return a.codePointAt(0)! - b.codePointAt(0)!;
}

/** Orders two names by the stroke order of their characters, surname first. */
export function compareByStrokeOrder(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const c = compareChars(ca[i]!, cb[i]!);
    if (c !== 0) return c;
  }
  return ca.length - cb.length;
}

/** A copy of `items` in stroke order of `name(item)`. */
export function sortByStrokeOrder<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareByStrokeOrder(name(x), name(y)));
}
