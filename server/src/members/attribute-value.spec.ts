import { fromColumns, isCalendarDate, toColumns } from './attribute-value';

describe('custom attribute values', () => {
  it('stores each type in its own typed column', () => {
    expect(toColumns({ type: 'number', options: null }, '12.5')).toMatchObject({ valueNumber: 12.5, valueText: null });
    expect(toColumns({ type: 'boolean', options: null }, '是')).toMatchObject({ valueBool: true });
    expect(toColumns({ type: 'date', options: null }, '2024-02-29')).toMatchObject({ valueDate: '2024-02-29' });
    expect(toColumns({ type: 'enum', options: ['oily', 'dry'] }, 'dry')).toMatchObject({ valueText: 'dry' });
  });

  it('explains what is wrong with a bad value', () => {
    expect(toColumns({ type: 'number', options: null }, 'abc')).toBe('must be a number');
    expect(toColumns({ type: 'date', options: null }, '2023-02-29')).toBe('must be a date YYYY-MM-DD');
    expect(toColumns({ type: 'enum', options: ['oily', 'dry'] }, 'wet')).toBe('must be one of: oily, dry');
    expect(toColumns({ type: 'boolean', options: null }, 'maybe')).toBe('must be true or false');
    expect(toColumns({ type: 'string', options: null }, 'x'.repeat(256))).toBe('must be at most 255 characters');
  });

  it('clears on empty and reads back the typed value', () => {
    const cleared = toColumns({ type: 'number', options: null }, '');
    expect(cleared).toEqual({ valueText: null, valueNumber: null, valueDate: null, valueBool: null });
    expect(fromColumns({ type: 'boolean' }, { valueText: null, valueNumber: null, valueDate: null, valueBool: 1 as unknown as boolean })).toBe(true);
    expect(fromColumns({ type: 'date' }, { valueText: null, valueNumber: null, valueDate: '2024-01-05', valueBool: null })).toBe('2024-01-05');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-04-31')).toBe(false);
    expect(isCalendarDate('2024-04-30')).toBe(true);
  });
});
