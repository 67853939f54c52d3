/** A JSON Schema (draft-07) document, kept as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

export const NODE_CATEGORIES = ['trigger', 'condition', 'split', 'wait', 'action', 'goal'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

export interface Localized {
  zh: string;
  en: string;
}

/** A problem `check()` found, its path relative to the node's config (e.g. `variants[1].percent`). */
export interface ConfigProblem {
  path: string;
  message: string;
}

/**
 * What a node's `check()` may consult beyond its own config: the brand's tags, saved segments and
 * the segment rule compiler. Built once per validation, so checks stay cheap and synchronous-looking.
 */
export interface NodeCheckContext {
  knownTagIds: ReadonlySet<number>;
  /** saved segments by id, with whether their membership is tracked (entered/left events need it) */
  segments: ReadonlyMap<number, { tracked: boolean }>;
  /** compiles a segment rule; null when it compiles, else the problem (path relative to the rule's root) */
  ruleProblem(rule: unknown): Promise<ConfigProblem | null>;
}

/**
 * Where the engine will plug in: given a member's step at this node, the port to follow or a wait.
 * Declared now so every node type has one obvious place for its executor; none is implemented yet.
 */
export type NodeExecutor<C = Record<string, unknown>> = (config: C, step: unknown) => Promise<{ port: string } | { wait: unknown }>;

/** A node type: everything the admin palette, config forms and validation need, as data. */
export interface NodeTypeDefinition<C = Record<string, unknown>> {
  type: string;
  category: NodeCategory;
  label: Localized;
  description: Localized;
  /** JSON Schema (draft-07) of the node's config; the admin builds the config form from it */
  configSchema: JsonSchema;
  /** output ports; for types whose ports depend on the config, the ports of an empty config */
  ports: string[];
  /** ports that follow from the config (A/B/n splits: one per variant, plus `control`) */
  portsOf?(config: C): string[];
  /** a member may stay at this node for a while (waits), so a loop through it does not spin */
  holds?: boolean;
  /** rules JSON Schema cannot say (sums, references to tags, segments, rules) */
  check?(config: C, ctx: NodeCheckContext): ConfigProblem[] | Promise<ConfigProblem[]>;
  /** the engine's step for this type (next slice) */
  execute?: NodeExecutor<C>;
}
