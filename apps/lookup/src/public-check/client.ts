import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { clientAddress, LookupConfig, parseTrustProxy, ProxyTrust } from '@app/platform';

/** The client address a request's limit is counted on, as TRUST_PROXY says to read it. */
@Injectable()
export class ClientAddress {
  private readonly trust: ProxyTrust;

  constructor(config: LookupConfig) {
    this.trust = parseTrustProxy(config.TRUST_PROXY);
  }

  of(req: FastifyRequest): string {
    return clientAddress(req.raw.socket.remoteAddress, req.headers['x-forwarded-for'], this.trust);
  }
}
