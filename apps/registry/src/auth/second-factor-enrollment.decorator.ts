import { SetMetadata } from '@nestjs/common';

export const DURING_SECOND_FACTOR_ENROLLMENT = 'duringSecondFactorEnrollment';

/**
 * A route an enrolment token reaches (an account that must enrol a second factor and has not): enrolling,
 * confirming, and saying who is signed in. Every other route answers 403 SECOND_FACTOR_ENROLLMENT_REQUIRED.
 */
export const AllowedDuringSecondFactorEnrollment = () => SetMetadata(DURING_SECOND_FACTOR_ENROLLMENT, true);
