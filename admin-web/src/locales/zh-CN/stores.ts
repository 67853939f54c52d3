export default {
  title: '门店',
  create: '新建门店',
  edit: '编辑门店',
  name: '门店名称',
  code: '门店编码',
  city: '城市',
  address: '地址',
  codeInvalid: '门店编码只能包含字母、数字、下划线和连字符',
}
