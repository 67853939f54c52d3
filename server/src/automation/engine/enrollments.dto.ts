import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Min } from 'class-validator';
import { ENROLLMENT_STATUSES, EnrollmentStatus } from './enrollment.entity';

export class EnrollMembersDto {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: 1000, description: 'members to enroll into the published version' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  memberIds: number[];
}

export class EnrollResultDto {
  @ApiProperty() flowVersion: number;
  @ApiProperty({ type: [Number], description: 'members who entered the flow now' }) enrolled: number[];
  @ApiProperty({ type: [Number], description: 'members already on their way through this version (left as they are)' }) alreadyEnrolled: number[];
}

export class JourneyStepDto {
  @ApiProperty() at: string;
  @ApiProperty() nodeId: string;
  @ApiProperty() nodeType: string;
  @ApiProperty({ description: 'the port taken, or completed / exited / failed' }) outcome: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) detail: Record<string, unknown> | null;
}

export class JourneyEnrollmentDto {
  @ApiProperty() enrollmentId: number;
  @ApiProperty() flowVersion: number;
  @ApiProperty({ enum: ENROLLMENT_STATUSES }) status: EnrollmentStatus;
  @ApiProperty({ type: String, nullable: true, description: 'the node that runs next (for finished enrollments, the last one)' }) currentNodeId: string | null;
  @ApiProperty({ type: String, nullable: true }) wakeAt: string | null;
  @ApiProperty() enteredAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: [JourneyStepDto] }) steps: JourneyStepDto[];
}
