import type zh from '../zh-CN/auth'

export default {
  title: 'Log in',
  subtitle: 'Members and marketing',
  username: 'Username',
  password: 'Password',
  submit: 'Log in',
  usernameRequired: 'Enter your username',
  passwordRequired: 'Enter your password',
  failed: 'Login failed',
} satisfies typeof zh
