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
 * What an executor may see and do for one member's step. Effects go through these methods so they
 * commit in the same transaction as the step log and the enrollment's move.
 */
export interface StepContext {
  enrollmentId: number;
  memberId: number;
  nodeId: string;
  /** the engine's clock (tests advance it) */
  now: Date;
  addTags(tagIds: number[]): Promise<number>;
  removeTags(tagIds: number[]): Promise<number>;
  /** sets a custom attribute (`key` without the `attributes.` prefix); null clears it */
  setAttribute(key: string, value: string | number | boolean | null): Promise<void>;
  setLifecycleStage(stage: string): Promise<void>;
  /** whether the member matches a segment rule right now */
  matchesRule(rule: unknown): Promise<boolean>;
  /** at a trigger node: what made the member enter (the event, the tag change), for the step log */
  trigger?: Record<string, unknown>;
}

/**
 * The outcome of a step: the port to follow (with `wakeAt`, the member waits there until then),
 * or the member's journey ends here. `detail` is kept in the step log for the journey view.
 */
export type StepResult =
  | { port: string; wakeAt?: Date; detail?: Record<string, unknown> }
  | { finish: 'completed' | 'exited'; detail?: Record<string, unknown> };

/** Runs a member's step at a node of this type. */
export type NodeExecutor<C = Record<string, unknown>> = (config: C, step: StepContext) => Promise<StepResult>;

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
  /** the engine's step for this type; a type without one fails the enrollment that reaches it */
  execute?: NodeExecutor<C>;
}
