import { Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiResource, JwksDto } from '@app/platform';

import { JwksService } from './jwks.service';

@ApiResource('signing', '.well-known', { auth: 'none' })
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
