import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, UserRole } from '@app/domain';
import type { Actor } from '../common/request-context';

/** The signed-in user, as the console needs it to choose what to show. */
export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'admin' }) username: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Set for agency admins' }) organizationId: string | null;

  @ApiProperty({ description: 'The password must be changed before anything else' }) passwordChangeRequired: boolean;

  @ApiProperty({ description: 'A second factor must be enrolled before anything else (an enrolment token)' })
  secondFactorEnrollmentRequired: boolean;

  @ApiProperty({ description: 'The account has a confirmed second factor' }) secondFactorEnrolled: boolean;

  static from(actor: Actor, secondFactorEnrolled: boolean): MeDto {
    return {
      id: actor.id,
      username: actor.username,
      role: actor.role,
      organizationId: actor.organizationId,
      passwordChangeRequired: actor.passwordChangeRequired ?? false,
      secondFactorEnrollmentRequired: actor.secondFactorEnrollment ?? false,
      secondFactorEnrolled,
    };
  }
}
