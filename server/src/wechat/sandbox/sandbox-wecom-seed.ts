/** The directory and tag library a sandbox corp starts with: a head office, two stores, five staff. */

export interface SbxDepartment {
  id: number;
  name: string;
  name_en?: string;
  parentid: number;
  order: number;
}

export interface SbxUser {
  userid: string;
  name: string;
  department: number[];
  order: number[];
  position: string;
  mobile: string;
  gender: '0' | '1' | '2';
  email: string;
  /** aligned with department */
  is_leader_in_dept: number[];
  /** 1 active, 2 disabled, 4 not activated, 5 left */
  status: 1 | 2 | 4 | 5;
  main_department: number;
}

export interface SbxTagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  tag: { id: string; name: string; create_time: number; order: number }[];
}

export function seedDepartments(): SbxDepartment[] {
  return [
    { id: 1, name: '总部', name_en: 'HQ', parentid: 0, order: 100000000 },
    { id: 2, name: '上海南京西路店', parentid: 1, order: 99999000 },
    { id: 3, name: '北京三里屯店', parentid: 1, order: 99998000 },
  ];
}

export function seedUsers(): SbxUser[] {
  const user = (userid: string, name: string, dept: number, position: string, mobile: string, gender: '1' | '2', leader = false): SbxUser => ({
    userid,
    name,
    department: [dept],
    order: [0],
    position,
    mobile,
    gender,
    email: `${userid}@example.com`,
    is_leader_in_dept: [leader ? 1 : 0],
    status: 1,
    main_department: dept,
  });
  return [
    user('zhangwei', '张伟', 1, '会员运营经理', '13800138001', '1', true),
    user('li_na', '李娜', 2, '店长', '13800138002', '2', true),
    user('wang_fang', '王芳', 2, '导购', '13800138003', '2'),
    user('liu_yang', '刘洋', 3, '店长', '13800138004', '1', true),
    user('chen_jing', '陈静', 3, '导购', '13800138005', '2'),
  ];
}

export function seedTagGroups(now: number, id: () => string): SbxTagGroup[] {
  const group = (name: string, order: number, tags: string[]): SbxTagGroup => ({
    group_id: id(),
    group_name: name,
    create_time: now,
    order,
    tag: tags.map((t, i) => ({ id: id(), name: t, create_time: now, order: tags.length - i })),
  });
  return [group('客户等级', 2, ['普通客户', 'VIP']), group('购买意向', 1, ['高意向', '低意向'])];
}
