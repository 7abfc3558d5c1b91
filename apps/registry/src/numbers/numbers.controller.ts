import { Body, Get, HttpCode, Param, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { UUID } from '../common/uuid-param';
import {
  CreateNumberDto,
  ImportQueryDto,
  ImportReportDto,
  NumberDto,
  NumberPageDto,
  NumberQueryDto,
  UpdateNumberDto,
} from './dto/number.dto';
import { NumberSearchPageDto, NumberSearchQueryDto } from './dto/number-search.dto';
import { NumberSearchService } from './number-search.service';
import { NumbersImportService } from './numbers-import.service';
import { NumbersService } from './numbers.service';

export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

@ApiResource('numbers', { errors: [['FORBIDDEN', 'not your organization']] })
export class NumbersController {
  constructor(
    private readonly numbers: NumbersService,
    private readonly importer: NumbersImportService,
    private readonly searcher: NumberSearchService,
  ) {}

  @Post('organizations/:id/numbers')
  @Roles('regulator', 'agency_admin')
  @ApiOperation({ summary: 'Register a caller number for an organization (starts pending)' })
  @ApiCreatedResponse({ type: NumberDto })
  @ApiErrors('INVALID_NUMBER', 'INVALID_ORIGIN', 'VALIDATION_FAILED', 'DUPLICATE_NUMBER', ['NOT_FOUND', 'organization or brandname'])
  create(@Ctx() ctx: RequestContext, @Param('id', UUID) orgId: string, @Body() dto: CreateNumberDto): Promise<NumberDto> {
    return this.numbers.create(ctx, orgId, dto);
  }

  @Get('organizations/:id/numbers')
  @ApiOperation({ summary: "List an organization's numbers, filtered by status, a page at a time" })
  @ApiOkResponse({ type: NumberPageDto })
  list(@Ctx() ctx: RequestContext, @Param('id', UUID) orgId: string, @Query() query: NumberQueryDto): Promise<NumberPageDto> {
    return this.numbers.list(ctx.actor, orgId, query);
  }

  @Post('organizations/:id/numbers/import')
  @Roles('regulator', 'agency_admin')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  @ApiOperation({ summary: 'Import numbers from a CSV file (number,label,direction,allowedOrigins,validFrom,validTo)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ImportReportDto, description: 'Per-row report; accepted rows are written in one transaction' })
  @ApiErrors(['VALIDATION_FAILED', 'not a CSV file, wrong header or too many rows'], 'PAYLOAD_TOO_LARGE')
  import(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) orgId: string,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportReportDto> {
    if (!file) throw new DomainError('VALIDATION_FAILED', 'Upload the CSV file as the multipart field "file"');
    return this.importer.import(ctx, orgId, file.buffer, query.dryRun);
  }

  @Get('numbers')
  @ApiOperation({
    summary:
      'Search numbers by any written form or their first digits; every organization for regulators and auditors, its own for an agency admin',
  })
  @ApiOkResponse({ type: NumberSearchPageDto })
  @ApiErrors(['VALIDATION_FAILED', 'q is not a number or the first digits of one'])
  search(@Ctx() ctx: RequestContext, @Query() query: NumberSearchQueryDto): Promise<NumberSearchPageDto> {
    return this.searcher.search(ctx.actor, query);
  }

  @Get('numbers/:id')
  @ApiOperation({ summary: 'Get one number' })
  @ApiOkResponse({ type: NumberDto })
  @ApiErrors('NOT_FOUND')
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<NumberDto> {
    return this.numbers.get(ctx.actor, id);
  }

  @Patch('numbers/:id')
  @Roles('regulator', 'agency_admin')
  @ApiOperation({
    summary:
      'Edit a number; send the version you read. A later start, an earlier end and evidence apply at once; origins (added or removed: removed ones answer none until approved), a wider window, a new brandname or direction wait in pendingRevision (live numbers)',
  })
  @ApiOkResponse({ type: NumberDto })
  @ApiErrors('VERSION_CONFLICT', 'INVALID_TRANSITION', 'REVISION_PENDING')
  update(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: UpdateNumberDto): Promise<NumberDto> {
    return this.numbers.update(ctx, id, dto);
  }
}
