import { SetMetadata } from '@nestjs/common';

export const WHILE_PASSWORD_CHANGE_REQUIRED = 'whilePasswordChangeRequired';

/**
 * A route a user with a reset (one-time) password may still call: changing it, and saying who is signed in.
 * Every other route answers 403 PASSWORD_CHANGE_REQUIRED until the password is changed.
 */
export const AllowedWhilePasswordChangeRequired = () => SetMetadata(WHILE_PASSWORD_CHANGE_REQUIRED, true);
