import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestIdOf } from '@app/platform';
import type { Actor, RequestContext } from './request-context';

/** The authenticated actor plus request id and client IP, for services and the audit log. */
export const Ctx = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext => {
  const req = ctx.switchToHttp().getRequest();
  return { actor: req.user as Actor, requestId: requestIdOf(req), ip: req.ip ?? null };
});
