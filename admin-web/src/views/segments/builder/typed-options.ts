import { computed, ref } from 'vue'

export interface PickOption {
  value: string
  label: string
}

/**
 * A filterable picker that also takes a typed value when it looks like one (`custom.referral`, an
 * AppID, a staff userid): unlike Element Plus' allow-create, typing a label to search does not
 * offer that label as a value of its own. Bind `filter` to the select's filter-method.
 */
export function useTypedOptions(options: () => PickOption[], accept: (typed: string) => boolean) {
  const query = ref('')
  const shown = computed<PickOption[]>(() => {
    const all = options()
    const q = query.value.trim().toLowerCase()
    const hits = q ? all.filter((o) => o.label.toLowerCase().includes(q) || o.value.toLowerCase().includes(q)) : all
    const typed = query.value.trim()
    return typed && accept(typed) && !all.some((o) => o.value === typed) ? [{ value: typed, label: typed }, ...hits] : hits
  })
  function filter(q: string): void {
    query.value = q
  }
  return { shown, filter }
}

/** Custom events sent through the API: `custom.<name>`. */
export const isCustomEvent = (s: string): boolean => /^custom\.[a-z][a-z0-9_.]{0,56}$/.test(s)
/** AppIDs, corp ids and userids: letters, digits, _ . @ - (no spaces or Chinese, so a typed name is a search). */
export const isPlainId = (s: string): boolean => /^[A-Za-z0-9_.@-]{2,64}$/.test(s)
/** Property names (of custom events, which have no schema). */
export const isPropertyName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(s)
