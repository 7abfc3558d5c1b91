import { Body, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DOCUMENT_MAX_BYTES, DomainError } from '@app/domain';
import { ApiErrors, ApiResource, Roles } from '@app/platform';
import { CarrierContext, CarrierCtx, CarrierKeyRoute } from '../common/carrier-context';
import { Ctx } from '../common/context.decorator';
import type { RequestContext } from '../common/request-context';
import { UUID } from '../common/uuid-param';
import { CarrierConfirmationsService } from './carrier-confirmations.service';
import {
  ConfirmationDecisionDto,
  ConfirmationPageDto,
  ConfirmationQueryDto,
  ConfirmationResultDto,
  OnBehalfDto,
  ReleaseDto,
} from './dto/confirmation.dto';

@ApiResource('carrier confirmations', 'carrier', {
  auth: 'carrier-api-key',
  errors: [['UNAUTHENTICATED', 'a live carrier API key in X-Api-Key; bearer tokens are refused here'], 'CARRIER_SUSPENDED'],
})
@CarrierKeyRoute()
export class CarrierConfirmationsController {
  constructor(private readonly confirmations: CarrierConfirmationsService) {}

  @Get('number-confirmations')
  @ApiOperation({ summary: 'Numbers held with your carrier that await (or got) your confirmation, a page at a time' })
  @ApiOkResponse({ type: ConfirmationPageDto })
  list(@CarrierCtx() ctx: CarrierContext, @Query() query: ConfirmationQueryDto): Promise<ConfirmationPageDto> {
    return this.confirmations.list(ctx, query);
  }

  @Post('number-confirmations/:numberId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm or deny, once, that the registering organization holds the number with your carrier' })
  @ApiOkResponse({ type: ConfirmationResultDto })
  @ApiErrors(['NOT_FOUND', 'no such number held with your carrier'], ['INVALID_TRANSITION', 'already answered'])
  decide(
    @CarrierCtx() ctx: CarrierContext,
    @Param('numberId', UUID) numberId: string,
    @Body() dto: ConfirmationDecisionDto,
  ): Promise<ConfirmationResultDto> {
    return this.confirmations.decide(ctx, numberId, dto);
  }

  @Post('number-releases/:numberId')
  @HttpCode(200)
  @ApiOperation({ summary: 'The line was terminated or ported away: the number stops branding at once (only its holding carrier)' })
  @ApiOkResponse({ type: ConfirmationResultDto })
  @ApiErrors(['NOT_FOUND', 'no such number held with your carrier'], ['INVALID_TRANSITION', 'not confirmed, or already released'])
  release(
    @CarrierCtx() ctx: CarrierContext,
    @Param('numberId', UUID) numberId: string,
    @Body() dto: ReleaseDto,
  ): Promise<ConfirmationResultDto> {
    return this.confirmations.release(ctx, numberId, dto.reason);
  }
}

@ApiResource('carrier confirmations', 'numbers', {
  errors: [
    ['FORBIDDEN', 'regulators only'],
    ['FOUR_EYES_REQUIRED', 'with its rule: you, or an account you can act as, took part in the number'],
    'PASSWORD_CHANGE_REQUIRED',
  ],
})
export class OnBehalfConfirmationsController {
  constructor(private readonly confirmations: CarrierConfirmationsService) {}

  @Post(':id/holding-confirmation')
  @Roles('regulator')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      "Confirm a number's holding for its carrier, with the carrier's letter (PDF, PNG or JPEG) and a reason; audited, and not by anyone who took part in the number",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'reason'],
      properties: { file: { type: 'string', format: 'binary' }, reason: { type: 'string' }, reference: { type: 'string' } },
    },
  })
  @ApiOkResponse({ type: ConfirmationResultDto })
  @ApiErrors(
    ['PAYLOAD_TOO_LARGE', 'over 10 MB'],
    ['UNSUPPORTED_MEDIA_TYPE', 'not a PDF, PNG or JPEG by content'],
    ['RATE_LIMITED', 'over DOCUMENT_UPLOADS_PER_HOUR for this account; Retry-After'],
    ['INSUFFICIENT_STORAGE', 'the disk is full; nothing was stored'],
  )
  confirm(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: OnBehalfDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ConfirmationResultDto> {
    if (!file) throw new DomainError('VALIDATION_FAILED', 'Upload the carrier\'s letter as the multipart field "file"');
    return this.confirmations.confirmOnBehalf(ctx, id, dto, file);
  }
}
