import { checkHeader, parseMemberRow } from './member-csv';

describe('member CSV rows', () => {
  it('reads a full row into member fields', () => {
    const { row, problems } = parseMemberRow({
      nickname: ' 小王 ',
      phone: '+86 138-0013-8000',
      unionid: 'oUnion_123456',
      gender: '女',
      birthday: '1990-02-03',
      points: '120',
      tags: 'VIP|护肤｜VIP',
      'attr.skin_type': 'dry',
    });
    expect(problems).toEqual([]);
    expect(row).toMatchObject({
      nickname: '小王',
      phone: '13800138000',
      unionid: 'oUnion_123456',
      gender: 'female',
      birthday: { year: 1990, month: 2, day: 3 },
      points: 120,
      tags: ['VIP', '护肤'],
      attributes: { skin_type: 'dry' },
    });
  });

  it('accepts a birthday without a year', () => {
    expect(parseMemberRow({ nickname: 'a', birthday: '02-29' }).row.birthday).toEqual({ year: null, month: 2, day: 29 });
  });

  it('names every bad field of a bad row', () => {
    const { problems } = parseMemberRow({ phone: '12ab', gender: 'x', birthday: '2023-02-30', points: '-5' });
    expect(problems.map((p) => p.field)).toEqual(['phone', 'gender', 'birthday', 'points']);
  });

  it('refuses an empty row', () => {
    expect(parseMemberRow({ nickname: '', phone: ' ' }).problems[0].field).toBe('row');
  });

  it('checks the header for unknown columns', () => {
    expect(checkHeader(['nickname', 'phone', 'attr.skin_type'])).toBeNull();
    expect(checkHeader(['nickname', 'favourite'])).toMatch(/unknown column\(s\): favourite/);
    expect(checkHeader(['city'])).toMatch(/at least one of/);
  });
});
