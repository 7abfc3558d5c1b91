import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, ACTIVE_CARRIER_STATUS } from '@app/domain';
import { Carrier, CarrierApiKey } from '@app/database';
import { assertVersion } from '../common/locking';
import type { ActingContext, RequestContext } from '../common/request-context';
import { WritePipeline } from '../pipeline/write-pipeline';
import { CarriersRepository } from './carriers.repository';
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
    private readonly carriers: CarriersRepository,
  ) {}

  async create(ctx: RequestContext, dto: CreateCarrierDto): Promise<CarrierDto> {
    return this.pipeline.run(ctx, {
      load: async () => undefined,
      apply: async (em) => {
        const carrier = await this.carriers.save(
          em,
          em.create(Carrier, { code: dto.code, name: dto.name.trim(), status: ACTIVE_CARRIER_STATUS }),
        );
        const after = CarrierDto.from(carrier, []);
        return { result: after, audit: { action: 'carrier.create', entityType: 'carrier', entityId: carrier.id, after } };
      },
    });
  }

  async directory(): Promise<CarrierEntryDto[]> {
    return (await this.carriers.all(this.dataSource.manager)).map(CarrierEntryDto.from);
  }

  async list(): Promise<CarrierDto[]> {
    const carriers = await this.carriers.all(this.dataSource.manager);
    const keys = await this.carriers.keys(this.dataSource.manager);
    return carriers.map((c) =>
      CarrierDto.from(
        c,
        keys.filter((k) => k.carrierId === c.id),
      ),
    );
  }

  async update(ctx: RequestContext, id: string, dto: UpdateCarrierDto): Promise<CarrierDto> {
    return this.pipeline.run(ctx, {
      load: (em) => this.carriers.lock(em, id),
      authorize: (carrier) => assertVersion(carrier.version, dto.version),
      apply: async (em, carrier) => {
        const keys = await this.carriers.keys(em, id);
        const before = CarrierDto.from(carrier, keys);
        if (dto.name !== undefined) carrier.name = dto.name.trim();
        if (dto.status !== undefined) carrier.status = dto.status;
        const after = CarrierDto.from(await this.carriers.save(em, carrier), keys);
        return { result: after, audit: { action: 'carrier.update', entityType: 'carrier', entityId: id, before, after } };
      },
    });
  }

  async createKey(ctx: ActingContext, carrierId: string): Promise<CreatedApiKeyDto> {
    return this.pipeline.run(ctx, {
      load: (em) => this.carriers.lock(em, carrierId),
      apply: async (em, carrier) => {
        const live = await this.carriers.liveKeyCount(em, carrierId);
        if (live >= MAX_LIVE_KEYS) {
          throw new DomainError('TOO_MANY_KEYS', `Carrier ${carrier.code} already has ${MAX_LIVE_KEYS} live keys; revoke one first`);
        }
        const key = `vbr_${carrier.code.toLowerCase()}_${randomBytes(32).toString('base64url')}`;
        const saved = await this.carriers.saveKey(
          em,
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
      load: (em) => this.carriers.lockKey(em, keyId),
      authorize: (key) => {
        if (key.carrierId !== carrierId) throw new DomainError('NOT_FOUND', 'No such API key for this carrier');
        if (key.revokedAt) throw new DomainError('INVALID_TRANSITION', 'The key is already revoked');
      },
      apply: async (em, key) => {
        const before = ApiKeyDto.from(key);
        key.revokedAt = new Date();
        const after = ApiKeyDto.from(await this.carriers.saveKey(em, key));
        return {
          result: after,
          audit: { action: 'carrier_api_key.revoke', entityType: 'carrier_api_key', entityId: keyId, before, after },
        };
      },
    });
  }
}
