import { Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { AuditService } from './audit.service';
import { AuditExportQueryDto, AuditPageDto, AuditQueryDto, AuditVerificationDto } from './dto/audit.dto';

@ApiResource('audit', 'audit-events', { errors: [['FORBIDDEN', 'regulators and auditors only']] })
@Roles('regulator', 'auditor')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'List audit events, newest first, with filters and a cursor' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }

  @Get('export')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="nhat-ky.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'The filtered range of the audit log as CSV (UTF-8 with BOM, Vietnamese headers, times in Asia/Ho_Chi_Minh), at most 100,000 events',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string' } })
  @ApiErrors(['VALIDATION_FAILED', 'a bad filter, or more than 100,000 events in the range'])
  async export(@Query() query: AuditExportQueryDto): Promise<string> {
    return `\ufeff${await this.audit.exportCsv(query)}`;
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain of the whole audit log' })
  @ApiOkResponse({ type: AuditVerificationDto })
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
