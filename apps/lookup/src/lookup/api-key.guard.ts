import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { CarrierGate } from './carrier-gate';

/** Carrier authentication and rate limit (CarrierGate) for the routes Nest serves (sync), before any work. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly gate: CarrierGate) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    const carrier = this.gate.admit(req.headers['x-api-key'], Date.now());
    req.carrier = carrier;
    req.raw.carrier = carrier; // for the request log line, written from the raw request
    return true;
  }
}
