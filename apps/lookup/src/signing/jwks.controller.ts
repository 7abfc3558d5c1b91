import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwksDto } from '../lookup/dto/signing.dto';
import { JwksService } from './jwks.service';

@ApiTags('signing')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: JwksService) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: "The registry's public signing keys (every key still in use): verify each entry's and the snapshot trailer's JWS",
  })
  @ApiOkResponse({ type: JwksDto })
  jwks(): Promise<JwksDto> {
    return this.keys.jwks();
  }
}
