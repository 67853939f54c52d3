import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HQ_ROLES, Roles } from '../../platform/auth/decorators';
import { EnrollMembersDto, EnrollResultDto, JourneyEnrollmentDto } from './enrollments.dto';
import { EnrollmentsService } from './enrollments.service';

@ApiTags('automation')
@Controller('api/automation/flows')
export class EnrollmentsController {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @Post(':id/enroll')
  @Roles(...HQ_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Enroll members into the published version at its manual trigger (409 unless the flow is active and has one)' })
  @ApiOkResponse({ type: EnrollResultDto })
  enroll(@Param('id', ParseIntPipe) id: number, @Body() dto: EnrollMembersDto): Promise<EnrollResultDto> {
    return this.enrollments.enroll(id, dto.memberIds);
  }

  @Get(':id/members/:memberId/journey')
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: "A member's enrollments in the flow, newest first, each with every step taken" })
  @ApiOkResponse({ type: [JourneyEnrollmentDto] })
  journey(@Param('id', ParseIntPipe) id: number, @Param('memberId', ParseIntPipe) memberId: number): Promise<JourneyEnrollmentDto[]> {
    return this.enrollments.journey(id, memberId);
  }
}
