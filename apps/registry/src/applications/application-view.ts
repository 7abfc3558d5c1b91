import { EntityManager } from 'typeorm';
import { CHECKLIST_ITEMS, checklistState } from '@app/domain';
import { Application, Brandname, CallerNumber, NumberHolding, Organization, StoredDocument, User } from '@app/database';
import { DocumentDto } from '../documents/document.dto';
import { toHoldingDto } from '../number-holdings/number-holdings.service';
import { WITHDRAWN } from './application-writer';
import { ApplicationDto } from './dto/application.dto';

/** Everything a reviewer (or the applicant) needs on one page, read in a handful of queries. */
export async function applicationView(em: EntityManager, app: Application): Promise<ApplicationDto> {
  // One after another: inside a transaction they share one connection, which runs one query at a time anyway
  // (pg deprecates queueing them, and removes it in pg@9).
  const org = await em.findOneByOrFail(Organization, { id: app.organizationId });
  const brandname = await em.findOneByOrFail(Brandname, { id: app.brandnameId });
  const applicant = await em.findOneByOrFail(User, { id: app.applicantId });
  const holdings = await em.find(NumberHolding, { where: { applicationId: app.id } });
  const documents = await em.find(StoredDocument, { where: { applicationId: app.id }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  const numbers = holdings.length
    ? await em
        .getRepository(CallerNumber)
        .createQueryBuilder('n')
        .where('n.id IN (:...ids)', { ids: holdings.map((h) => h.numberId) })
        .orderBy('n.e164')
        .getMany()
    : [];
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
