import { mergeUsers, staffColumns, storeCodeFor, storeWithSameName, usernameFor } from './wecom-org-mapping';

describe('WeCom organisation sync rules', () => {
  it('maps a department to the store with exactly the same name, never to an ambiguous one', () => {
    const stores = [{ id: 1, name: '上海南京西路店' }, { id: 2, name: '北京三里屯店' }, { id: 3, name: '北京三里屯店' }];
    expect(storeWithSameName('上海南京西路店', stores)).toBe(1);
    expect(storeWithSameName('上海南京西路店 ', stores)).toBeNull();
    expect(storeWithSameName('北京三里屯店', stores)).toBeNull();
  });

  it('merges a member listed under several departments, keeping their leader flags aligned', () => {
    const [u] = mergeUsers([
      [{ userid: 'li_na', name: '李娜', department: [2], is_leader_in_dept: [1], status: 1 }],
      [{ userid: 'li_na', name: '李娜', department: [3, 2], is_leader_in_dept: [0, 1], status: 1 }],
    ]);
    expect(u.department).toEqual([2, 3]);
    expect(u.is_leader_in_dept).toEqual([1, 0]);
  });

  it('keeps only a masked mobile and the departments the member leads', () => {
    expect(staffColumns({ userid: 'x', name: '王芳', department: [2, 3], is_leader_in_dept: [0, 1], mobile: '13800138003', position: '导购', status: 1 })).toEqual({
      name: '王芳', position: '导购', mobileMasked: '138****8003', departmentIds: [2, 3], leaderDepartmentIds: [3], status: 1,
    });
    expect(staffColumns({ userid: 'x', name: 'n', department: [1], status: 4 }).mobileMasked).toBeNull();
  });

  it('turns any WeCom userid into a valid admin username, and makes store codes that fit', () => {
    expect(usernameFor('li_na')).toBe('li_na');
    expect(usernameFor('ab')).toBe('wecom_ab');
    expect(usernameFor('zhang@corp')).toBe('wecom_zhang_corp');
    expect(storeCodeFor(12, 4)).toBe('WC12-D4');
    expect(storeCodeFor(12, 4294967, 3)).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  });
});
