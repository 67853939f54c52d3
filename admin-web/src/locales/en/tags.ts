import type zh from '../zh-CN/tags'

export default {
  groups: 'Tag groups',
  ungrouped: 'Ungrouped',
  allTags: 'All tags',
  newGroup: 'New group',
  editGroup: 'Edit group',
  newTag: 'New tag',
  editTag: 'Edit tag',
  groupName: 'Group name',
  tagName: 'Tag name',
  group: 'Group',
  color: 'Color',
  memberCount: 'Members',
  noGroups: 'No groups yet',
  noTags: 'No tags in this group',
  deleteGroupConfirm: 'Delete group "{name}"? Its tags become ungrouped or are deleted, as the server decides.',
} satisfies typeof zh
