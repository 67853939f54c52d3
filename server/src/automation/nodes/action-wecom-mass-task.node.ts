import { NodeTypeDefinition } from './node-type';
import { Duration, duration, durationProblems, templateText, url } from './schemas';

export const actionWecomMassTaskNode: NodeTypeDefinition<{ text: string; link?: object; deadline: Duration }> = {
  type: 'action.wecom_mass_task',
  category: 'action',
  label: { zh: '企业微信群发任务', en: 'WeCom mass-message task' },
  description: {
    zh: '给添加了会员的员工下发企业微信客户群发任务，跟踪到员工发送（走“已发送”）或到期未发（走“未发送”）。',
    en: "Creates a WeCom customer mass-message task for the member's staff and follows it until they send it (\"sent\") or the deadline passes (\"not_sent\").",
  },
  configSchema: {
    type: 'object',
    required: ['text', 'deadline'],
    additionalProperties: false,
    properties: {
      text: { ...templateText, title: 'Text' },
      link: {
        type: 'object',
        required: ['title', 'url'],
        additionalProperties: false,
        properties: { title: { type: 'string', minLength: 1, maxLength: 64 }, url },
      },
      deadline: { ...duration, title: 'Deadline for staff to send' },
    },
  },
  ports: ['sent', 'not_sent'],
  holds: true,
  check: (config) => durationProblems(config.deadline, 'deadline'),
};
