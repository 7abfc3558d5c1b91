import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '@app/domain';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** Which roles may call a handler. Every registry route needs a token unless marked @Public(). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
