import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestIdOf } from '@app/platform';

/** Request id and client address for a route without a signed-in user (the audit log still records both). */
export const ClientRequest = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest();
  return { requestId: requestIdOf(req), ip: req.ip ?? null };
});
