export default {
  title: '操作日志',
  actor: '操作人',
  action: '动作',
  entity: '对象',
  time: '时间',
  before: '变更前',
  after: '变更后',
  system: '系统',
  shown: '已显示 {n} 条',
}
