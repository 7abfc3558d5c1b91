import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { DomainError } from '@app/domain';
import { Carrier, CarrierApiKey } from '@app/database';
import { uniqueViolation } from '../common/db-errors';
import { assertVersion, lockRow } from '../common/locking';
import type { ActingContext, RequestContext } from '../common/request-context';
import { WritePipeline } from '../pipeline/write-pipeline';
import { ApiKeyDto, CarrierDto, CarrierEntryDto, CreateCarrierDto, CreatedApiKeyDto, UpdateCarrierDto } from './dto/carrier.dto';

/** Two live keys let a carrier rotate: create the new one, switch over, revoke the old one. */
export const MAX_LIVE_KEYS = 2;

/** API keys are 256 random bits, so a fast hash is enough (no password stretching needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

@Injectable()
export class CarriersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
  ) {}

  async create(ctx: RequestContext, dto: CreateCarrierDto): Promise<CarrierDto> {
    return this.pipeline.run(ctx, {
      load: async () => undefined,
      apply: async (em) => {
        try {
          const carrier = await em.save(em.create(Carrier, { code: dto.code, name: dto.name.trim(), status: 'active' }));
          const after = CarrierDto.from(carrier, []);
          return { result: after, audit: { action: 'carrier.create', entityType: 'carrier', entityId: carrier.id, after } };
        } catch (err) {
          if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_CODE', `Carrier code ${dto.code} is taken`);
          throw err;
        }
      },
    });
  }

  async directory(): Promise<CarrierEntryDto[]> {
    return (await this.dataSource.getRepository(Carrier).find({ order: { code: 'ASC' } })).map(CarrierEntryDto.from);
  }

  async list(): Promise<CarrierDto[]> {
    const carriers = await this.dataSource.getRepository(Carrier).find({ order: { code: 'ASC' } });
    const keys = await this.dataSource.getRepository(CarrierApiKey).find({ order: { createdAt: 'ASC' } });
    return carriers.map((c) =>
      CarrierDto.from(
        c,
        keys.filter((k) => k.carrierId === c.id),
      ),
    );
  }

  async update(ctx: RequestContext, id: string, dto: UpdateCarrierDto): Promise<CarrierDto> {
    return this.pipeline.run(ctx, {
      load: (em) => lockRow(em, Carrier, id, 'carrier'),
      authorize: (carrier) => assertVersion(carrier.version, dto.version),
      apply: async (em, carrier) => {
        const keys = await em.find(CarrierApiKey, { where: { carrierId: id }, order: { createdAt: 'ASC' } });
        const before = CarrierDto.from(carrier, keys);
        if (dto.name !== undefined) carrier.name = dto.name.trim();
        if (dto.status !== undefined) carrier.status = dto.status;
        const after = CarrierDto.from(await em.save(carrier), keys);
        return { result: after, audit: { action: 'carrier.update', entityType: 'carrier', entityId: id, before, after } };
      },
    });
  }

  async createKey(ctx: ActingContext, carrierId: string): Promise<CreatedApiKeyDto> {
    return this.pipeline.run(ctx, {
      load: (em) => lockRow(em, Carrier, carrierId, 'carrier'),
      apply: async (em, carrier) => {
        const live = await em.count(CarrierApiKey, { where: { carrierId, revokedAt: IsNull() } });
        if (live >= MAX_LIVE_KEYS) {
          throw new DomainError('TOO_MANY_KEYS', `Carrier ${carrier.code} already has ${MAX_LIVE_KEYS} live keys; revoke one first`);
        }
        const key = `vbr_${carrier.code.toLowerCase()}_${randomBytes(32).toString('base64url')}`;
        const saved = await em.save(
          em.create(CarrierApiKey, { carrierId, prefix: key.slice(0, 16), keyHash: hashApiKey(key), createdBy: ctx.actor.id }),
        );
        const after = ApiKeyDto.from(saved); // the clear key never reaches the audit log
        return {
          result: { ...after, key },
          audit: { action: 'carrier_api_key.create', entityType: 'carrier_api_key', entityId: saved.id, after },
        };
      },
    });
  }

  async revokeKey(ctx: RequestContext, carrierId: string, keyId: string): Promise<ApiKeyDto> {
    return this.pipeline.run(ctx, {
      load: (em) => lockRow(em, CarrierApiKey, keyId, 'API key'),
      authorize: (key) => {
        if (key.carrierId !== carrierId) throw new DomainError('NOT_FOUND', 'No such API key for this carrier');
        if (key.revokedAt) throw new DomainError('INVALID_TRANSITION', 'The key is already revoked');
      },
      apply: async (em, key) => {
        const before = ApiKeyDto.from(key);
        key.revokedAt = new Date();
        const after = ApiKeyDto.from(await em.save(key));
        return {
          result: after,
          audit: { action: 'carrier_api_key.revoke', entityType: 'carrier_api_key', entityId: keyId, before, after },
        };
      },
    });
  }
}
