import { applyFollowChange } from './wecom-follow-change';

const at = (s: string) => new Date(`2026-03-01T${s}:00Z`);

describe('staff–customer relation changes, in any order', () => {
  it('a first add creates the relation with its channel state', () => {
    expect(applyFollowChange(null, { kind: 'added', at: at('10:00'), state: 'store_SH01' })).toEqual({ addedAt: at('10:00'), removedAt: null, removedBy: null, state: 'store_SH01' });
  });

  it('a removal ends it, and an add after the removal restores it', () => {
    const live = { addedAt: at('10:00'), removedAt: null };
    expect(applyFollowChange(live, { kind: 'removed', at: at('11:00'), by: 'customer_deleted' })).toEqual({ removedAt: at('11:00'), removedBy: 'customer_deleted' });
    expect(applyFollowChange({ addedAt: at('10:00'), removedAt: at('11:00') }, { kind: 'added', at: at('12:00') })).toMatchObject({ addedAt: at('12:00'), removedAt: null });
  });

  it('late news does not undo newer facts', () => {
    // the add arrives after a later removal was processed
    expect(applyFollowChange({ addedAt: null, removedAt: at('11:00') }, { kind: 'added', at: at('10:00') })).toBeNull();
    // a removal older than a re-add
    expect(applyFollowChange({ addedAt: at('12:00'), removedAt: null }, { kind: 'removed', at: at('11:00'), by: 'staff_deleted' })).toBeNull();
    // an older add while a newer one is known
    expect(applyFollowChange({ addedAt: at('12:00'), removedAt: null }, { kind: 'added', at: at('10:00') })).toBeNull();
    // the same removal twice
    expect(applyFollowChange({ addedAt: at('10:00'), removedAt: at('11:00') }, { kind: 'removed', at: at('11:00'), by: 'staff_deleted' })).toBeNull();
  });

  it('a removal of a relation we never saw added is still recorded', () => {
    expect(applyFollowChange(null, { kind: 'removed', at: at('11:00'), by: 'staff_deleted' })).toEqual({ removedAt: at('11:00'), removedBy: 'staff_deleted' });
  });
});
