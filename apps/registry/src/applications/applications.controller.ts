import {
  applyDecorators,
  Body,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { DOCUMENT_MAX_BYTES, DomainError, INVITATION_MAX_REFUSED_SUBMISSIONS } from '@app/domain';
import { ApiErrorDoc, ApiErrors, ApiResource, Public, Roles } from '@app/platform';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import { DocumentDto } from '../documents/document.dto';
import { ApplicationsService } from './applications.service';
import {
  ApplicationDto,
  ApplicationQueryDto,
  ChecklistTickDto,
  CreateApplicationDto,
  DocumentUploadDto,
  ReasonDto,
  UpdateApplicationDto,
} from './dto/application.dto';
import { ClientRequest } from './client-request.decorator';

/**
 * Every route but the application itself is for signed-in users (the applicant's first admin, regulators,
 * auditors): a bearer token, 401 without a valid one, and 403 for whom the route does not admit.
 */
function SignedIn(...forbidden: ApiErrorDoc[]): MethodDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors('UNAUTHENTICATED', ...forbidden, 'PASSWORD_CHANGE_REQUIRED'));
}

const NO_SUCH_APPLICATION: ApiErrorDoc = ['NOT_FOUND', 'no such application'];

@ApiResource('onboarding', 'applications', { auth: 'none' })
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Public()
  @ApiOperation({
    summary:
      'Apply with an invitation token (no account yet): organization, brandname, up to 1,000 numbers and the first admin, all pending; ' +
      `refused whole with every problem in fields, or stored whole; each refusal counts, and after ${INVITATION_MAX_REFUSED_SUBMISSIONS} the invitation is exhausted`,
  })
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiErrors(
    ['VALIDATION_FAILED', 'several problems, each with its code in fields'],
    'INVALID_NUMBER',
    'INVALID_LABEL',
    'INVALID_DISPLAY_NAME',
    'INVALID_CALL_REASON',
    'INVALID_ORIGIN',
    ['INVITATION_INVALID', 'forged, expired, used or revoked token: one answer for all, before any name is looked up'],
    ['INVITATION_EXHAUSTED', `the invitation's token was refused ${INVITATION_MAX_REFUSED_SUBMISSIONS} times: it takes no more`],
    'DUPLICATE_NUMBER',
    'DUPLICATE_LABEL',
    'CONFUSABLE_NAME',
    ['RESERVED_NAME', 'alone: a state term in the name of a non-government organization'],
    ['NAME_UNAVAILABLE', 'alone: the username or the organization code is taken (never which)'],
  )
  create(@ClientRequest() req: { requestId: string; ip: string | null }, @Body() dto: CreateApplicationDto): Promise<ApplicationDto> {
    return this.applications.create(req, dto);
  }

  @Get()
  @Roles('regulator', 'agency_admin', 'auditor')
  @SignedIn(['FORBIDDEN', 'regulators, auditors and agency admins only'])
  @ApiOperation({ summary: 'Applications, by status; an agency admin sees only its own' })
  @ApiOkResponse({ type: [ApplicationDto] })
  list(@Ctx() ctx: RequestContext, @Query() query: ApplicationQueryDto): Promise<ApplicationDto[]> {
    return this.applications.list(ctx.actor, query);
  }

  @Get(':id')
  @SignedIn(['FORBIDDEN', "an agency admin sees only its own organization's application"])
  @ApiOperation({ summary: 'One application with its numbers, holding confirmations, documents and checklist' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(NO_SUCH_APPLICATION)
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ApplicationDto> {
    return this.applications.get(ctx.actor, id);
  }

  @Patch(':id')
  @Roles('agency_admin')
  @SignedIn(['FORBIDDEN', "only the applying organization's agency admin"])
  @ApiOperation({ summary: 'The applicant edits after a request for changes (send the version read); then submit again' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(
    NO_SUCH_APPLICATION,
    ['VALIDATION_FAILED', 'several problems, each with its code in fields'],
    ['RESERVED_NAME', 'alone: a state term in the name of a non-government organization'],
    'VERSION_CONFLICT',
    'INVALID_TRANSITION',
  )
  update(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: UpdateApplicationDto): Promise<ApplicationDto> {
    return this.applications.update(ctx, id, dto);
  }

  @Post(':id/submit')
  @Roles('agency_admin')
  @SignedIn(['FORBIDDEN', "only the applying organization's agency admin"])
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit again after changes (clears the checklist)' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(NO_SUCH_APPLICATION, 'INVALID_TRANSITION')
  submit(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ApplicationDto> {
    return this.applications.resubmit(ctx, id);
  }

  @Post(':id/request-changes')
  @Roles('regulator')
  @SignedIn(['FORBIDDEN', 'regulators only'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the application back to the applicant with a reason' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(NO_SUCH_APPLICATION, 'INVALID_TRANSITION')
  requestChanges(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReasonDto): Promise<ApplicationDto> {
    return this.applications.requestChanges(ctx, id, dto.reason);
  }

  @Post(':id/reject')
  @Roles('regulator')
  @SignedIn(['FORBIDDEN', 'regulators only'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the application (its organization, brandname and numbers are rejected)' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(NO_SUCH_APPLICATION, 'INVALID_TRANSITION')
  reject(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReasonDto): Promise<ApplicationDto> {
    return this.applications.reject(ctx, id, dto.reason);
  }

  @Post(':id/approve')
  @Roles('regulator')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve: by a regulator who neither sent the invitation nor ticked the checklist; activates the organization, the brandname and each carrier-confirmed number',
  })
  @ApiOkResponse({ type: ApplicationDto })
  @SignedIn(
    ['FORBIDDEN', 'regulators only'],
    ['FOUR_EYES_REQUIRED', 'with its rule: you, or an account you can act as or that can act as you, invited it or ticked its checklist'],
  )
  @ApiErrors(
    NO_SUCH_APPLICATION,
    ['VALIDATION_FAILED', 'a checklist item not ticked, or no decision document, each in fields'],
    'INVALID_TRANSITION',
  )
  approve(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ApplicationDto> {
    return this.applications.approve(ctx, id);
  }

  @Post(':id/checklist')
  @Roles('regulator')
  @SignedIn(['FORBIDDEN', 'regulators only'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Tick or untick a checklist item (stored with who did it; that regulator may not approve)' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiErrors(NO_SUCH_APPLICATION, ['INVALID_TRANSITION', 'the application is decided'])
  tick(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ChecklistTickDto): Promise<ApplicationDto> {
    return this.applications.tick(ctx, id, dto.item, dto.checked);
  }

  @Post(':id/documents')
  @Roles('regulator', 'agency_admin')
  @SignedIn(['FORBIDDEN', 'regulators and the applicant only'])
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Add a document (PDF, PNG or JPEG by content, at most 10 MB) by the applicant or a regulator, within the quotas',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: { file: { type: 'string', format: 'binary' }, kind: { type: 'string', enum: ['decision', 'carrier_contract', 'other'] } },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiErrors(
    NO_SUCH_APPLICATION,
    'PAYLOAD_TOO_LARGE',
    ['DOCUMENT_QUOTA_EXCEEDED', "the application's or organization's document quota; `rule` names which"],
    'UNSUPPORTED_MEDIA_TYPE',
    ['RATE_LIMITED', 'over DOCUMENT_UPLOADS_PER_HOUR for this account; Retry-After'],
    ['INSUFFICIENT_STORAGE', 'the disk is full; nothing was stored'],
  )
  addDocument(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: DocumentUploadDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DocumentDto> {
    if (!file) throw new DomainError('VALIDATION_FAILED', 'Upload the document as the multipart field "file"');
    return this.applications.addDocument(ctx, id, dto.kind, file);
  }

  @Get(':id/documents/:docId')
  @Roles('regulator', 'agency_admin')
  @SignedIn(['FORBIDDEN', 'regulators and the applicant only'])
  @ApiOperation({ summary: 'Download a document (regulators and the applicant only)' })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The file as uploaded', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(['NOT_FOUND', 'no such application or document'])
  async readDocument(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Param('docId', UUID) docId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const doc = await this.applications.readDocument(ctx.actor, id, docId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Digest', `sha-256=${Buffer.from(doc.sha256, 'hex').toString('base64')}`);
    return new StreamableFile(doc.content, {
      type: doc.mediaType,
      length: doc.sizeBytes,
      disposition: `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
    });
  }
}
