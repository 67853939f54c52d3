import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { SavedSegmentsService } from '../../segments/saved-segments.service';
import { SegmentsService } from '../../segments/segments.service';
import { TagsService } from '../../tags/tags.service';
import { nodeType } from '../nodes';
import { ConfigProblem, NodeCheckContext } from '../nodes/node-type';
import { FlowGraph } from './flow-graph';
import { FlowValidationError, validateFlowGraph } from './flow-validation';

/** Runs the publish checks against the brand's live tags, segments and rule fields. */
@Injectable()
export class FlowCheckService {
  constructor(
    private readonly segments: SegmentsService,
    private readonly savedSegments: SavedSegmentsService,
    private readonly tags: TagsService,
  ) {}

  async validate(graph: FlowGraph): Promise<FlowValidationError[]> {
    return validateFlowGraph(graph, nodeType, await this.context());
  }

  private async context(): Promise<NodeCheckContext> {
    const [tags, saved] = await Promise.all([this.tags.listTags(), this.savedSegments.list()]);
    return {
      knownTagIds: new Set(tags.map((t) => t.id)),
      segments: new Map(saved.map((s) => [s.id, { tracked: s.tracked }])),
      ruleProblem: (rule) => this.ruleProblem(rule),
    };
  }

  /** The segment compiler's verdict on a rule, its path relative to the rule's root. */
  private async ruleProblem(rule: unknown): Promise<ConfigProblem | null> {
    try {
      await this.segments.compile(rule);
      return null;
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      const detail = e.details?.[0];
      const path = (detail?.field ?? 'rule').replace(/^rule\.?/, '');
      return { path, message: detail?.message ?? e.message };
    }
  }
}
