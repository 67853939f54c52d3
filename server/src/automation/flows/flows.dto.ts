import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { FLOW_STATUSES, FlowStatus } from './flow.entity';

class PositionDto {
  @ApiProperty() x: number;
  @ApiProperty() y: number;
}

export class FlowNodeDto {
  @ApiProperty({ description: 'unique within the graph: letters, digits, _ and -', example: 'welcome' }) id: string;
  @ApiProperty({ description: 'a node type (GET /api/automation/node-types)', example: 'action.oa_template' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the node's settings, valid for its type's configSchema" }) config: Record<string, unknown>;
  @ApiPropertyOptional({ type: PositionDto, description: 'where the canvas draws it' }) position?: PositionDto;
}

export class FlowEdgeDto {
  @ApiProperty({ description: 'node id' }) from: string;
  @ApiProperty({ description: 'an output port of the from node', example: 'next' }) port: string;
  @ApiProperty({ description: 'node id' }) to: string;
}

export class FlowGraphDto {
  @ApiProperty({ type: [FlowNodeDto] }) nodes: FlowNodeDto[];
  @ApiProperty({ type: [FlowEdgeDto] }) edges: FlowEdgeDto[];
}

export class CreateFlowDto {
  @ApiProperty({ example: '新关注欢迎' }) @IsString() @Length(1, 64) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) description?: string;
  @ApiPropertyOptional({ type: FlowGraphDto, description: 'the first draft (empty when left out)' }) @IsOptional() @IsObject() graph?: FlowGraphDto;
}

export class UpdateFlowDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(255) description?: string | null;
  @ApiPropertyOptional({ type: FlowGraphDto, description: 'the draft (saved as is; checked in full only when validating or publishing)' }) @IsOptional() @IsObject() graph?: FlowGraphDto;
}

export class FlowListQuery {
  @ApiPropertyOptional({ enum: FLOW_STATUSES }) @IsOptional() @IsIn(FLOW_STATUSES) status?: FlowStatus;
}

export class FlowVersionSummaryDto {
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the account that published it' }) publishedBy: number | null;
  @ApiProperty({ description: 'nodes in this version' }) nodeCount: number;
}

export class FlowVersionDto extends FlowVersionSummaryDto {
  @ApiProperty({ type: FlowGraphDto }) graph: FlowGraphDto;
}

export class FlowSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: FLOW_STATUSES, description: 'draft (never published), active, paused (no one moves on), archived (read-only)' }) status: FlowStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'the newest published version (new enrollments take it)' }) latestVersion: number | null;
  @ApiProperty({ description: 'the draft was edited since the last publish (or was never published)' }) unpublishedChanges: boolean;
  @ApiProperty({ description: 'nodes in the draft' }) nodeCount: number;
  @ApiProperty({ type: Number, nullable: true }) createdBy: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FlowDto extends FlowSummaryDto {
  @ApiProperty({ type: FlowGraphDto, description: 'the draft' }) graph: FlowGraphDto;
  @ApiProperty({ type: [FlowVersionSummaryDto], description: 'published versions, newest first' }) versions: FlowVersionSummaryDto[];
}

export class FlowValidationErrorDto {
  @ApiPropertyOptional({ description: 'the node to mark on the canvas' }) nodeId?: string;
  @ApiPropertyOptional({ type: FlowEdgeDto, description: 'the edge to mark on the canvas' }) edge?: FlowEdgeDto;
  @ApiProperty({ example: 'nodes[2].config.wait.amount' }) path: string;
  @ApiProperty({ example: 'must be >= 1' }) message: string;
}

export class FlowValidationDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: [FlowValidationErrorDto] }) errors: FlowValidationErrorDto[];
}

export class NodeTypeDto {
  @ApiProperty({ example: 'wait.duration' }) type: string;
  @ApiProperty({ enum: ['trigger', 'condition', 'split', 'wait', 'action', 'goal'] }) category: string;
  @ApiProperty({ description: '{ zh, en }', example: { zh: '等待一段时间', en: 'Wait for a while' } }) label: { zh: string; en: string };
  @ApiProperty({ description: '{ zh, en }' }) description: { zh: string; en: string };
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema (draft-07) of the config; the config form is built from it' }) configSchema: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'output ports (none: the flow ends here); with dynamicPorts, those of a default config' }) ports: string[];
  @ApiProperty({ description: 'the ports follow from the config (A/B/n split: one per variant key, plus control when there is a holdout)' }) dynamicPorts: boolean;
  @ApiProperty({ description: 'members may stay at this node for a while; loops must pass through such a node' }) holds: boolean;
}
