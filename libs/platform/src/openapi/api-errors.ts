import { ApiResponse, DECORATORS } from '@nestjs/swagger';
import type { ErrorCode } from '@app/domain';
import { HTTP_STATUS_BY_CODE } from '../errors/http-status';

/** An error code a route answers, alone or with why (in words an integrator reads): `['NOT_FOUND', 'no such organization']`. */
export type ApiErrorDoc = ErrorCode | readonly [code: ErrorCode, why: string];

/** The errors an ApiErrors put on a class or a method (its own list, in the order written). */
const API_ERRORS = 'vbr:api-errors';

/** The status the one error filter (AllExceptionsFilter) answers a code with. */
export function errorStatus(code: ErrorCode): number {
  const status = (HTTP_STATUS_BY_CODE as Partial<Record<string, number>>)[code];
  if (status === undefined) throw new Error(`ApiErrors: ${String(code)} is not an error code (it has no status in HTTP_STATUS_BY_CODE)`);
  return status;
}

/**
 * The response description of each status the errors fall under: the codes in the order first named, each once,
 * with its explanations (`FORBIDDEN (regulators only), FOUR_EYES_REQUIRED (approve: you proposed it)`).
 */
export function describeErrors(errors: readonly ApiErrorDoc[]): Map<number, string> {
  const whys = new Map<ErrorCode, string[]>();
  for (const error of errors) {
    const [code, why] = typeof error === 'string' ? [error, undefined] : error;
    errorStatus(code);
    const known = whys.get(code) ?? [];
    if (why && !known.includes(why)) known.push(why);
    whys.set(code, known);
  }
  const byStatus = new Map<number, string[]>();
  for (const [code, reasons] of whys) {
    const status = errorStatus(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), reasons.length ? `${code} (${reasons.join('; ')})` : code]);
  }
  return new Map([...byStatus].map(([status, codes]) => [status, codes.join(', ')]));
}

/**
 * Documents the error codes a route (method) or every route of a controller (class) answers: one response per
 * HTTP status the error filter gives those codes (HTTP_STATUS_BY_CODE), its description listing them, so the
 * documented statuses can never disagree with what the filter sends. The error body's schema is attached to every
 * 4xx/5xx response in one place (withErrorBodies).
 *
 * Codes add up: several ApiErrors on one method or class make one description per status, and where a method
 * documents a status its controller documents too, the method's description lists the controller's codes first
 * (swagger takes the method's response for that status, and the route still answers the controller's codes).
 */
export function ApiErrors(...errors: ApiErrorDoc[]): MethodDecorator & ClassDecorator {
  describeErrors(errors); // a code with no status (a cast, or plain JavaScript) fails here, where it is written
  const decorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      const method = descriptor.value as object;
      const own = [...ownErrors(method), ...errors];
      Reflect.defineMetadata(API_ERRORS, own, method);
      document(describeErrors(own), target, key, descriptor);
      return;
    }
    const own = [...ownErrors(target), ...errors];
    Reflect.defineMetadata(API_ERRORS, own, target);
    document(describeErrors(own), target);
    // Method decorators ran before this one: the methods that document a status the controller does list its codes too.
    const prototype = (target as { prototype?: object }).prototype ?? {};
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      const methodErrors = method && typeof method.value === 'function' ? ownErrors(method.value) : [];
      if (methodErrors.length === 0) continue;
      const statuses = new Set(describeErrors(methodErrors).keys());
      const shared = own.filter((error) => statuses.has(errorStatus(typeof error === 'string' ? error : error[0])));
      if (shared.length > 0) document(describeErrors([...shared, ...methodErrors]), prototype, name, method);
    }
  };
  return decorator as MethodDecorator & ClassDecorator;
}

function ownErrors(holder: object): ApiErrorDoc[] {
  return (Reflect.getOwnMetadata(API_ERRORS, holder) as ApiErrorDoc[] | undefined) ?? [];
}

/** One ApiResponse per status, replacing what an earlier ApiErrors said for it (ApiResponse would append to it). */
function document(descriptions: Map<number, string>, target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void {
  const holder = descriptor ? (descriptor.value as object) : target;
  const responses = Reflect.getMetadata(DECORATORS.API_RESPONSE, holder) as Record<string, unknown> | undefined;
  if (responses) {
    const kept = Object.fromEntries(Object.entries(responses).filter(([status]) => !descriptions.has(Number(status))));
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, kept, holder);
  }
  for (const [status, description] of descriptions) {
    const decorate = ApiResponse({ status, description }) as (
      target: object,
      key?: string | symbol,
      descriptor?: PropertyDescriptor,
    ) => void;
    decorate(target, key, descriptor);
  }
}
