import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, e164PrefixOfQuery, formatNationalNumber, NumberDirection, ReviewStatus } from '@app/domain';
import type { Actor } from '../common/request-context';
import { NumberSearchPageDto, NumberSearchQueryDto } from './dto/number-search.dto';

interface SearchRow {
  id: string;
  e164: string;
  status: ReviewStatus;
  direction: NumberDirection;
  organization_id: string;
  code: string;
  name: string;
  label: string;
}

/** Numbers by any written form or a beginning of one: every organization's for regulators and auditors. */
@Injectable()
export class NumberSearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(actor: Actor, query: NumberSearchQueryDto): Promise<NumberSearchPageDto> {
    const prefix = e164PrefixOfQuery(query.q);
    if (!prefix) {
      throw new DomainError('VALIDATION_FAILED', 'q must be a Vietnamese phone number or its first digits', {
        fields: [{ field: 'q', message: 'q must be a Vietnamese phone number or its first digits' }],
      });
    }
    const params: unknown[] = [`${prefix}%`]; // the prefix is '+' and digits only: nothing to escape
    const filters = ['n.e164 LIKE $1'];
    // An agency admin's organization comes from its session, never from the request.
    if (actor.role === 'agency_admin') filters.push(`n.organization_id = $${params.push(actor.organizationId)}`);
    if (query.status) filters.push(`n.status = $${params.push(query.status)}`);
    const from = `FROM caller_numbers n JOIN organizations o ON o.id = n.organization_id
      JOIN brandnames b ON b.id = n.brandname_id WHERE ${filters.join(' AND ')}`;
    const em = this.dataSource.manager;
    const [{ total }] = await em.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: SearchRow[] = await em.query(
      `SELECT n.id, n.e164, n.status, n.direction, n.organization_id, o.code, o.name, b.label ${from}
       ORDER BY n.e164, n.created_at, n.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
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
