import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, e164PrefixOfQuery, formatNationalNumber } from '@app/domain';
import type { Actor } from '../common/request-context';
import { NumberSearchPageDto, NumberSearchQueryDto } from './dto/number-search.dto';
import { NumbersRepository } from './numbers.repository';

/** Numbers by any written form or a beginning of one: every organization's for regulators and auditors. */
@Injectable()
export class NumberSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly numbers: NumbersRepository,
  ) {}

  async search(actor: Actor, query: NumberSearchQueryDto): Promise<NumberSearchPageDto> {
    const prefix = e164PrefixOfQuery(query.q);
    if (!prefix) {
      throw new DomainError('VALIDATION_FAILED', 'q must be a Vietnamese phone number or its first digits', {
        fields: [{ field: 'q', message: 'q must be a Vietnamese phone number or its first digits' }],
      });
    }
    // An agency admin's organization comes from its session, never from the request.
    const filter = { prefix, organizationId: actor.role === 'agency_admin' ? actor.organizationId : null, status: query.status };
    const { rows, total } = await this.numbers.search(this.dataSource.manager, filter, query.page, query.pageSize);
    return {
      items: rows.map((r) => ({
        id: r.id,
        number: r.e164,
        nationalNumber: formatNationalNumber(r.e164),
        organization: { id: r.organization_id, code: r.code, name: r.name },
        label: r.label,
        status: r.status,
        direction: r.direction,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
