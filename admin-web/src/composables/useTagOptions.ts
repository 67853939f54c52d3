import { computed, ref } from 'vue'
import { listTagGroups, listTags } from '@/api/tags'
import type { Tag, TagGroup } from '@/api/types'

export interface TagOptionGroup {
  id: number | null
  label: string
  tags: Tag[]
}

/** Tags grouped by tag group, for tag pickers (filters, bulk tagging, member detail). */
export function useTagOptions(ungroupedLabel: () => string) {
  const tags = ref<Tag[]>([])
  const groups = ref<TagGroup[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)

  const grouped = computed<TagOptionGroup[]>(() => {
    const out: TagOptionGroup[] = groups.value.map((g) => ({
      id: g.id,
      label: g.name,
      tags: tags.value.filter((t) => t.groupId === g.id),
    }))
    const known = new Set(groups.value.map((g) => g.id))
    const rest = tags.value.filter((t) => t.groupId === null || !known.has(t.groupId))
    if (rest.length) out.push({ id: null, label: ungroupedLabel(), tags: rest })
    return out.filter((g) => g.tags.length > 0)
  })

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const [g, t] = await Promise.all([listTagGroups(), listTags()])
      groups.value = g
      tags.value = t
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      loading.value = false
    }
  }

  function tagById(id: number): Tag | undefined {
    return tags.value.find((t) => t.id === id)
  }

  return { tags, groups, grouped, loading, error, load, tagById }
}
