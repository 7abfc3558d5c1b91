import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrorDoc, ApiErrors } from './api-errors';

/**
 * How a controller's callers authenticate, as its OpenAPI document says: a bearer token (the registry's users), a
 * carrier API key in X-Api-Key (the scheme setupOpenApi names `carrier-api-key`), or none at the controller
 * (public routes, or routes that each say their own, ApiBearerAuth on the method).
 */
export type ApiAuth = 'bearer' | 'carrier-api-key' | 'none';

export interface ApiResourceOptions {
  /** Default `bearer`. */
  auth?: ApiAuth;
  /** Errors every route answers beyond the scheme's own (see ERRORS_OF_AUTH), or why for those: `['FORBIDDEN', 'regulators only']`. */
  errors?: ApiErrorDoc[];
}

/** A route that reads or writes the database on the request. */
export const DATABASE_UNAVAILABLE_DOC: ApiErrorDoc = [
  'DATABASE_UNAVAILABLE',
  'the database could not be reached or did not answer in time; Retry-After says when to try again',
];

/** What every route behind a scheme may answer: no or a bad credential, and (bearer) a role or scope that does not admit. */
const ERRORS_OF_AUTH: Record<ApiAuth, ApiErrorDoc[]> = {
  // A bearer's account is read from the database on every request.
  bearer: ['UNAUTHENTICATED', 'FORBIDDEN', DATABASE_UNAVAILABLE_DOC],
  'carrier-api-key': ['UNAUTHENTICATED'],
  none: [],
};

/**
 * A controller and what its OpenAPI document says of every route: the tag, how callers authenticate, the errors
 * that follows from (ApiErrors) and the controller's path. A route still says its own errors with ApiErrors.
 *
 *   @ApiResource('carriers', 'carriers', { errors: [['FORBIDDEN', 'regulators only; auditors may list']] })
 *   @ApiResource('brandnames', { errors: [['FORBIDDEN', 'not your organization']] })   // routes under several paths
 *   @ApiResource('sync', 'sync', { auth: 'carrier-api-key' })
 */
export function ApiResource(tag: string, path?: string, options?: ApiResourceOptions): ClassDecorator;
export function ApiResource(tag: string, options?: ApiResourceOptions): ClassDecorator;
export function ApiResource(tag: string, pathOrOptions?: string | ApiResourceOptions, more: ApiResourceOptions = {}): ClassDecorator {
  const [path, options] = typeof pathOrOptions === 'object' ? [undefined, pathOrOptions] : [pathOrOptions, more];
  const auth = options.auth ?? 'bearer';
  const errors = [...ERRORS_OF_AUTH[auth], ...(options.errors ?? [])];
  return applyDecorators(
    ApiTags(tag),
    ...(auth === 'bearer' ? [ApiBearerAuth()] : auth === 'carrier-api-key' ? [ApiSecurity('carrier-api-key')] : []),
    ...(errors.length > 0 ? [ApiErrors(...errors)] : []),
    path === undefined ? Controller() : Controller(path),
  );
}
