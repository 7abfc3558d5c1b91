import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, UserRole } from '@app/domain';
import { PUBLIC_KEY, ROLES_KEY } from '@app/platform';
import { CARRIER_KEY_ROUTE } from '../common/carrier-context';
import { AuthService } from './auth.service';
import { WHILE_PASSWORD_CHANGE_REQUIRED } from './password-change.decorator';
import { DURING_SECOND_FACTOR_ENROLLMENT } from './second-factor-enrollment.decorator';

/**
 * Global guard: a valid bearer token on every route but @Public() ones, and the role the route names; on
 * @CarrierKeyRoute() routes a live carrier API key in X-Api-Key instead (and only that). A user who must change a
 * one-time password reaches only the routes marked @AllowedWhilePasswordChangeRequired(); an enrolment token (an
 * account that must enrol a second factor) only those marked @AllowedDuringSecondFactorEnrollment().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest();
    if (this.reflector.getAllAndOverride<boolean>(CARRIER_KEY_ROUTE, targets)) {
      req.carrier = await this.auth.authenticateCarrier(req.headers?.['x-api-key']);
      return true;
    }
    const header: unknown = req.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', 'A bearer access token is required');
    req.user = await this.auth.authenticate(match[1]);
    if (req.user.secondFactorEnrollment) {
      if (!this.reflector.getAllAndOverride<boolean>(DURING_SECOND_FACTOR_ENROLLMENT, targets)) {
        throw new DomainError('SECOND_FACTOR_ENROLLMENT_REQUIRED', 'Enrol a second factor first (POST /v1/auth/totp/enroll)');
      }
    } else if (req.user.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(WHILE_PASSWORD_CHANGE_REQUIRED, targets)) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'Change your one-time password first (POST /v1/auth/change-password)');
    }
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) {
      throw new DomainError('FORBIDDEN', 'Your role does not allow this action');
    }
    return true;
  }
}
