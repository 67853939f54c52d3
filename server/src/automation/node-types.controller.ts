import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HQ_ROLES, Roles } from '../platform/auth/decorators';
import { NodeTypeDto } from './flows/flows.dto';
import { NODE_TYPES } from './nodes';

@ApiTags('automation')
@Controller('api/automation/node-types')
export class NodeTypesController {
  @Get()
  @Roles(...HQ_ROLES)
  @ApiOperation({ summary: 'Every node type a flow can use, for the builder palette and config forms' })
  @ApiOkResponse({ type: [NodeTypeDto] })
  list(): NodeTypeDto[] {
    return NODE_TYPES.map((d) => ({
      type: d.type,
      category: d.category,
      label: d.label,
      description: d.description,
      configSchema: d.configSchema,
      ports: d.ports,
      dynamicPorts: !!d.portsOf,
      holds: !!d.holds,
    }));
  }
}
