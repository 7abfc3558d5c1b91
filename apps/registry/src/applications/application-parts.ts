import { EntityManager } from 'typeorm';
import {
  DomainError,
  isDomainError,
  reservedNameClaim,
  normalizeBrandname,
  NormalizedBrandname,
  NumberRegistration,
  normalizeRegistration,
  OrganizationKind,
  ProblemList,
} from '@app/domain';
import type { BrandnamesRepository } from '../brandnames/brandnames.repository';
import { checkLookalikes } from '../brandnames/lookalike-check';
import type { CarriersRepository } from '../carriers/carriers.repository';
import type { NumbersRepository } from '../numbers/numbers.repository';
import type { ProtectedNamesRepository } from '../protected-names/protected-names.repository';
import { ApplicationBrandnameDto, ApplicationNumberDto } from './dto/application.dto';

// No organization has this id: an applicant's organization does not exist until the application is stored.
const NOBODY = '00000000-0000-0000-0000-000000000000';

export interface CheckedNumber {
  index: number;
  reg: NumberRegistration;
  holdingCarrier: string;
}

export interface CheckedParts {
  names?: NormalizedBrandname;
  numbers: CheckedNumber[];
}

/**
 * Every rule of a single registration, applied to an application's brandname and numbers at once; each
 * problem is added to `problems` under its field (`brandname.label`, `numbers[3].number`) with its own code.
 * Agency admins' messages name no other organization (the look-alike check is run as one).
 */
export interface PartsRepositories {
  brandnames: BrandnamesRepository;
  numbers: NumbersRepository;
  carriers: CarriersRepository;
  protectedNames: ProtectedNamesRepository;
}

export async function checkParts(
  em: EntityManager,
  repos: PartsRepositories,
  problems: ProblemList,
  input: {
    kind: OrganizationKind;
    organizationId: string | null;
    brandnameId: string | null;
    brandname?: ApplicationBrandnameDto;
    numbers?: ApplicationNumberDto[];
  },
): Promise<CheckedParts> {
  const out: CheckedParts = { numbers: [] };
  if (input.brandname) {
    const protectedNames = await repos.protectedNames.activeList(em);
    const names = checkFields(problems, 'brandname', () => normalizeBrandname(input.brandname!, input.kind, protectedNames));
    if (names) {
      const taken = await repos.brandnames.labelTaken(em, names.labelKey, input.brandnameId);
      if (taken) problems.add('brandname.label', 'DUPLICATE_LABEL', `The label "${names.label}" is taken`);
      const asApplicant = { id: NOBODY, username: 'applicant', role: 'agency_admin' as const, organizationId: input.organizationId };
      const rivals = await repos.brandnames.lookalikeRivals(em, input.organizationId ?? NOBODY, names.labelKey, input.brandnameId);
      const clear = checkFields(problems, 'brandname.label', () => checkLookalikes(asApplicant, rivals, names, null) === null);
      if (clear && !taken) out.names = names;
    }
  }
  if (input.numbers) {
    const carriers = await repos.carriers.codes(em);
    const seen = new Map<string, number>();
    input.numbers.forEach((n, index) => {
      const at = `numbers[${index}]`;
      if (!carriers.has(n.holdingCarrier)) {
        problems.add(`${at}.holdingCarrier`, 'INVALID_ORIGIN', `Unknown carrier code in holdingCarrier: ${n.holdingCarrier}`);
      }
      const reg = checkFields(problems, at, () => normalizeRegistration(n, carriers), NUMBER_FIELD_BY_CODE);
      if (!reg) return;
      const first = seen.get(reg.e164);
      if (first !== undefined) {
        problems.add(`${at}.number`, 'DUPLICATE_NUMBER', `${reg.e164} is listed twice (also numbers[${first}])`);
        return;
      }
      seen.set(reg.e164, index);
      if (carriers.has(n.holdingCarrier)) out.numbers.push({ index, reg, holdingCarrier: n.holdingCarrier });
    });
    const elsewhere = new Set(await repos.numbers.liveElsewhere(em, input.organizationId ?? NOBODY, [...seen.keys()]));
    for (const c of out.numbers.filter((c) => elsewhere.has(c.reg.e164))) {
      problems.add(`numbers[${c.index}].number`, 'DUPLICATE_NUMBER', `${c.reg.e164} is already registered`);
    }
    out.numbers = out.numbers.filter((c) => !elsewhere.has(c.reg.e164));
  }
  return out;
}

const NUMBER_FIELD_BY_CODE: Record<string, string> = { INVALID_NUMBER: 'number', INVALID_ORIGIN: 'allowedOrigins' };

/** Runs a rule; its error's own field list (or the code's usual field) is added under `prefix`. */
function checkFields<T>(problems: ProblemList, prefix: string, run: () => T, fieldByCode: Record<string, string> = {}): T | undefined {
  const record = (err: unknown) => {
    if (!isDomainError(err)) throw err;
    const fields = err.details?.fields ?? [];
    if (fields.length === 0) {
      const field = fieldByCode[err.code] ?? guessField(err);
      problems.add(field ? `${prefix}.${field}` : prefix, err.code, err.message, reservedNameClaim(err));
    }
    for (const f of fields) problems.add(`${prefix}.${f.field}`, f.code ?? err.code, f.message, f.details ?? reservedNameClaim(err));
    return undefined;
  };
  try {
    const result = run();
    if (result instanceof Promise) return result.catch(record) as T;
    return result;
  } catch (err) {
    return record(err);
  }
}

/** The field a message names first (`validTo must be ...`), for rules that throw without a field list. */
function guessField(err: DomainError): string | null {
  const m = /^(validFrom|validTo|direction|label|displayName|displayNameAscii|callReason)\b/.exec(err.message);
  return m ? m[1] : null;
}
