import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CHECKLIST_ITEMS, checklistState } from '@app/domain';
import { Application } from '@app/database';
import { BrandnamesRepository } from '../brandnames/brandnames.repository';
import { NumberHoldingsRepository } from '../number-holdings/number-holdings.repository';
import { NumbersRepository } from '../numbers/numbers.repository';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { UsersRepository } from '../users/users.repository';
import { ApplicationsRepository } from './applications.repository';
import { DocumentDto } from '../documents/document.dto';
import { toHoldingDto } from '../number-holdings/number-holdings.service';
import { WITHDRAWN } from './application-writer';
import { ApplicationDto } from './dto/application.dto';

/** Everything a reviewer (or the applicant) needs on one page, read in a handful of queries. */
@Injectable()
export class ApplicationViews {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly brandnames: BrandnamesRepository,
    private readonly users: UsersRepository,
    private readonly numbers: NumbersRepository,
    private readonly holdings: NumberHoldingsRepository,
  ) {}

  async of(em: EntityManager, app: Application): Promise<ApplicationDto> {
    // One after another: inside a transaction they share one connection, which runs one query at a time anyway
    // (pg deprecates queueing them, and removes it in pg@9).
    const org = await this.organizations.mustFind(em, app.organizationId);
    const brandname = (await this.brandnames.find(em, app.brandnameId))!;
    const applicant = (await this.users.find(em, app.applicantId))!;
    const holdings = await this.holdings.ofApplication(em, app.id);
    const documents = await this.applications.documents(em, app.id);
    const numbers = await this.numbers.byIds(
      em,
      holdings.map((h) => h.numberId),
    );
    const holdingOf = new Map(holdings.map((h) => [h.numberId, h]));
    const state = checklistState(app.checklist);
    return {
      id: app.id,
      status: app.status,
      statusReason: app.statusReason,
      organizationId: app.organizationId,
      invitationId: app.invitationId,
      organization: { id: org.id, code: org.code, name: org.name, kind: org.kind, status: org.status },
      brandname: {
        id: brandname.id,
        label: brandname.label,
        displayName: brandname.displayName,
        displayNameAscii: brandname.displayNameAscii,
        callReason: brandname.callReason,
        status: brandname.status,
      },
      applicant: { id: applicant.id, username: applicant.username, ...app.applicantContact },
      // Withdrawn numbers (revoked while the application was open) are history, not part of it.
      numbers: numbers
        .filter((n) => !(n.status === 'revoked' && n.statusReason === WITHDRAWN))
        .map((n) => ({
          id: n.id,
          number: n.e164,
          direction: n.direction,
          allowedOrigins: n.allowedOrigins,
          validFrom: n.validFrom ? n.validFrom.toISOString() : null,
          validTo: n.validTo ? n.validTo.toISOString() : null,
          status: n.status,
          statusReason: n.statusReason,
          holding: toHoldingDto(holdingOf.get(n.id)),
        })),
      documents: documents.map(DocumentDto.from),
      checklist: CHECKLIST_ITEMS.map((item) => ({
        item,
        checked: state[item]?.checked ?? false,
        by: state[item]?.by ?? null,
        at: state[item]?.at ?? null,
      })),
      checklistHistory: app.checklist.map((e) => ({ ...e })),
      submittedAt: app.submittedAt.toISOString(),
      decidedBy: app.decidedBy,
      decidedAt: app.decidedAt ? app.decidedAt.toISOString() : null,
      version: app.version,
    };
  }
}
