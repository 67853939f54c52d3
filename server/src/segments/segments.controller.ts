import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HQ_ROLES, Roles } from '../platform/auth/decorators';
import { SegmentFieldDto, SegmentPreviewDto, SegmentPreviewResultDto } from './segments.dto';
import { SegmentsService } from './segments.service';

@ApiTags('segments')
@Controller('api/segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Post('preview')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Count the members a rule matches now, with a sample (the rule is not saved)' })
  @ApiOkResponse({ type: SegmentPreviewResultDto })
  preview(@Body() dto: SegmentPreviewDto): Promise<SegmentPreviewResultDto> {
    return this.segments.preview(dto.rule, dto.sampleSize ?? 20);
  }

  @Get('fields')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'The member fields and custom attributes a rule can use, with their operators' })
  @ApiOkResponse({ type: [SegmentFieldDto] })
  fields(): Promise<SegmentFieldDto[]> {
    return this.segments.fields();
  }
}
