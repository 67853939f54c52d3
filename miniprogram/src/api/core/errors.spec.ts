import { describe, expect, it } from 'vitest'
import { ApiError, NETWORK_ERROR_MESSAGE, describeError, toApiError } from './errors'

describe('toApiError', () => {
  it('keeps the server message, code and field details', () => {
    const err = toApiError(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'nickname must be shorter than or equal to 20 characters',
      details: [{ field: 'nickname', message: '昵称太长' }],
    })
    expect(err).toBeInstanceOf(ApiError)
    expect(err.statusCode).toBe(400)
    expect(err.code).toBe('Bad Request')
    expect(err.fieldMessage('nickname')).toBe('昵称太长')
  })

  it('joins array messages and falls back to Chinese text by status', () => {
    expect(toApiError(400, { message: ['a', 'b'] }).message).toBe('a；b')
    expect(toApiError(429, null).message).toBe('操作太频繁，请稍后再试')
    expect(toApiError(502, '<html>').message).toBe('服务暂时不可用，请稍后重试')
    expect(toApiError(500, { statusCode: 500, message: 'Internal server error' }).message).toBe('服务暂时不可用，请稍后重试')
  })
})

describe('describeError', () => {
  it('maps network failures of both platforms to one message', () => {
    expect(describeError({ errMsg: 'request:fail timeout' })).toBe(NETWORK_ERROR_MESSAGE)
    expect(describeError(new TypeError('Failed to fetch'))).toBe(NETWORK_ERROR_MESSAGE)
  })

  it('shows ApiError messages as they are', () => {
    expect(describeError(new ApiError(404, '会员不存在'))).toBe('会员不存在')
    expect(describeError('x')).toBe('出错了，请稍后重试')
  })
})
