import { describe, expect, it } from 'vitest'
import { avatarInitial, displayLevel, displayNickname, displayPhone, displayPoints, parseMobile, phoneBindingMessage, validateNickname } from './member-format'

describe('member display', () => {
  it('formats nickname, level, points and phone', () => {
    expect(displayNickname('  ')).toBe('微信用户')
    expect(displayNickname('小明')).toBe('小明')
    expect(avatarInitial('😀笑')).toBe('😀')
    expect(avatarInitial(null)).toBe('会')
    expect(displayLevel(3)).toBe('Lv.3')
    expect(displayLevel('gold')).toBe('gold')
    expect(displayLevel(null)).toBe('普通会员')
    expect(displayLevel(0)).toBe('普通会员')
    expect(displayPoints(1234567)).toBe('1,234,567')
    expect(displayPoints(0)).toBe('0')
    expect(displayPhone(null)).toBe('未绑定')
    expect(displayPhone('138****0000')).toBe('138****0000')
  })
})

describe('validateNickname', () => {
  it('requires 1–20 characters after trimming', () => {
    expect(validateNickname('   ')).toBe('请输入昵称')
    expect(validateNickname('一二三四五六七八九十一二三四五六七八九十')).toBeNull()
    expect(validateNickname('一二三四五六七八九十一二三四五六七八九十一')).toMatch('最多')
    expect(validateNickname('ok\u0007')).toMatch('控制字符')
  })
})

describe('phone binding', () => {
  it('reads a typed mainland mobile number', () => {
    expect(parseMobile(' 138 0013-8000 ')).toEqual({ phone: '13800138000' })
    expect(parseMobile('+8613800138000')).toEqual({ phone: '13800138000' })
    expect(parseMobile('')).toEqual({ error: '请输入手机号' })
    expect(parseMobile('1380013800')).toEqual({ error: '请输入正确的 11 位手机号' })
    expect(parseMobile('12800138000')).toEqual({ error: '请输入正确的 11 位手机号' })
  })

  it('tells the member what happened', () => {
    expect(phoneBindingMessage('bound')).toBe('手机号已绑定')
    expect(phoneBindingMessage('held_by_other')).toBe('该手机号已关联其他会员账号')
    expect(phoneBindingMessage('merged')).toBe('手机号已绑定，会员账号已合并')
  })
})
