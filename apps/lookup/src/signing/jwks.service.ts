import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, PublicJwk, publicJwk } from '@app/domain';
import { PublicKeysRepository } from './public-keys.repository';

const FRESH_MS = 5_000;

/**
 * The registry's public keys as the registry publishes them (signing_keys, public halves only), read at most
 * every few seconds; while the database is away the last set read keeps being served.
 */
@Injectable()
export class JwksService {
  private cached: { keys: PublicJwk[] } | null = null;
  private readAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: PublicKeysRepository,
  ) {}

  async jwks(): Promise<{ keys: PublicJwk[] }> {
    if (this.cached && Date.now() - this.readAt < FRESH_MS) return this.cached;
    try {
      const rows = await this.keys.published(this.dataSource.manager);
      this.cached = { keys: rows.map((r) => publicJwk(r.kid, r.public_jwk)) };
      this.readAt = Date.now();
    } catch {
      if (!this.cached) throw new DomainError('SERVICE_UNAVAILABLE', 'The signing keys are unavailable right now; retry shortly');
    }
    return this.cached;
  }
}
