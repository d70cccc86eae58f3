import { describe, expect, it } from 'vitest';
import { DomainError, isDomainError } from '../src/errors';

describe('DomainError — typed rule violations', () => {
  it('carries code, message, field and details', () => {
    const e = new DomainError('INVALID_PHASES', 'ends before it starts', { field: 'phases.1.end', details: { a: 1 } });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DomainError');
    expect(e.code).toBe('INVALID_PHASES');
    expect(e.message).toBe('ends before it starts');
    expect(e.field).toBe('phases.1.end');
    expect(e.details).toEqual({ a: 1 });
    expect(isDomainError(e)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'INVALID_PHASES', message: 'ends before it starts', field: 'phases.1.end', details: { a: 1 } });
  });

  it('leaves field and details out when not given', () => {
    const e = new DomainError('X', 'y');
    expect(e.field).toBeUndefined();
    expect('field' in e).toBe(false);
    expect(e.toJSON()).toEqual({ code: 'X', message: 'y' });
  });
});
