import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { REVIEW_POLICY } from '@app/domain';
import { UpdateBrandnameDto } from '../brandnames/dto/brandname.dto';
import { UpdateCarrierDto } from '../carriers/dto/carrier.dto';
import { UpdateNumberDto } from '../numbers/dto/number.dto';
import { UpdateOrganizationDto } from '../organizations/dto/organization.dto';
import { CreateUserDto, UpdateUserDto } from '../users/dto/user.dto';

/** Every field a client can write, read from the DTOs' validation metadata. */
function writableFields(...dtos: Array<new () => object>): string[] {
  const metadata = dtos.flatMap((dto) => getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false));
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

/** Fields that say how to apply a change rather than what the item holds. */
const CONTROL_FIELDS = new Set(['version', 'lookalikeOverrideReason']);

describe('the review policy covers every writable field', () => {
  it.each<[keyof typeof REVIEW_POLICY, Array<new () => object>]>([
    ['organization', [UpdateOrganizationDto]],
    ['brandname', [UpdateBrandnameDto]],
    ['number', [UpdateNumberDto]],
    ['carrier', [UpdateCarrierDto]],
    ['user', [CreateUserDto, UpdateUserDto]],
  ])('%s', (kind, dtos) => {
    const fields = writableFields(...dtos).filter((f) => !CONTROL_FIELDS.has(f));
    expect(fields.length).toBeGreaterThan(0);
    // A new field fails here until the policy says whether a second person must approve it.
    expect(fields).toEqual(Object.keys(REVIEW_POLICY[kind]).sort());
  });
});
