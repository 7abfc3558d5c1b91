import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles } from '@app/platform';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditPageDto, AuditQueryDto, AuditVerificationDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED' })
@ApiForbiddenResponse({ description: 'FORBIDDEN: regulators and auditors only' })
@Roles('regulator', 'auditor')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'List audit events, newest first, with filters and a cursor' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const page = await this.audit.list(query);
    return { items: page.items.map(AuditEventDto.from), nextCursor: page.nextCursor };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain of the whole audit log' })
  @ApiOkResponse({ type: AuditVerificationDto })
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
