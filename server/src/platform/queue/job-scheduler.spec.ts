import { slotJobId } from './job-scheduler';

describe('slotJobId', () => {
  it('gives every tick within one interval the same id, and the next interval another', () => {
    const every = 300_000;
    const start = 1_700_000_100_000 - (1_700_000_100_000 % every);
    expect(slotJobId('segments.sweep', every, start)).toBe(slotJobId('segments.sweep', every, start + every - 1));
    expect(slotJobId('segments.sweep', every, start + every)).not.toBe(slotJobId('segments.sweep', every, start));
    expect(slotJobId('segments.sweep', every, start)).not.toContain(':');
  });
});
