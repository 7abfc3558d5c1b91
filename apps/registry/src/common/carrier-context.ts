import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { requestIdOf } from '@app/platform';

export const CARRIER_KEY_ROUTE = 'carrierKeyRoute';

/**
 * A route a carrier calls with its API key (X-Api-Key) instead of a user's bearer token. The global guard then
 * takes only the key: a JWT never works here, and a key never works anywhere else.
 */
export const CarrierKeyRoute = () => SetMetadata(CARRIER_KEY_ROUTE, true);

/** The carrier behind a verified key. */
export interface CarrierActor {
  id: string;
  code: string;
  role: 'carrier';
}

export interface CarrierContext {
  carrier: CarrierActor;
  requestId: string;
  ip: string | null;
}

export const CarrierCtx = createParamDecorator((_data: unknown, ctx: ExecutionContext): CarrierContext => {
  const req = ctx.switchToHttp().getRequest();
  return { carrier: req.carrier as CarrierActor, requestId: requestIdOf(req), ip: req.ip ?? null };
});
