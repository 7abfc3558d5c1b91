import { Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiResource, JwksDto, Public } from '@app/platform';

import { SigningKeysService } from './signing-keys.service';

@ApiResource('signing', '.well-known', { auth: 'none' })
export class JwksController {
  constructor(private readonly keys: SigningKeysService) {}

  @Get('jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: "The registry's public signing keys (every key still in use), to verify entry and snapshot JWS" })
  @ApiOkResponse({ type: JwksDto })
  jwks(): Promise<JwksDto> {
    return this.keys.jwks();
  }
}
