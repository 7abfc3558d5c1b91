import { Get, INestApplication, Param } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiOkResponse, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DomainError, ERROR_CODES, type ErrorCode } from '@app/domain';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { HTTP_STATUS_BY_CODE } from '../errors/http-status';
import { ApiErrors, describeErrors } from './api-errors';
import { ApiResource } from './api-resource';
import { withErrorBodies } from './openapi';

/** Documents every code, and answers the one asked for through the error filter. */
@ApiResource('fail', 'fail', { auth: 'none' })
class FailController {
  @Get(':code')
  @ApiOkResponse({ description: 'ok' })
  @ApiErrors(...ERROR_CODES)
  fail(@Param('code') code: string): never {
    throw new DomainError(code as ErrorCode, 'on purpose');
  }
}

@ApiResource('items', 'items', {
  errors: [
    ['FORBIDDEN', 'not a regulator'],
    ['FOUR_EYES_REQUIRED', 'approve: you proposed it'],
  ],
})
class ItemsController {
  @Get()
  @ApiOkResponse({ description: 'ok' })
  list(): string[] {
    return [];
  }

  @Get(':id')
  @ApiOkResponse({ description: 'ok' })
  @ApiErrors('NOT_FOUND', ['VERSION_CONFLICT', 'send the version you read'])
  @ApiErrors('INVALID_TRANSITION', ['NOT_FOUND', 'no such item'])
  get(): string {
    return '';
  }

  @Get(':id/approve')
  @ApiOkResponse({ description: 'ok' })
  @ApiErrors('PASSWORD_CHANGE_REQUIRED')
  approve(): string {
    return '';
  }
}

@ApiResource('lookup', 'lookup', { auth: 'carrier-api-key', errors: ['CARRIER_SUSPENDED'] })
class CarrierController {
  @Get()
  @ApiOkResponse({ description: 'ok' })
  lookup(): string {
    return '';
  }
}

type Responses = Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;

const DATABASE_503 =
  'DATABASE_UNAVAILABLE (the database could not be reached or did not answer in time; Retry-After says when to try again)';

describe('ApiErrors and ApiResource', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  const operation = (path: string) => doc.paths[path].get!;
  const responses = (path: string) => operation(path).responses as Responses;
  const descriptions = (path: string) => Object.fromEntries(Object.entries(responses(path)).map(([s, r]) => [s, r.description]));

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [FailController, ItemsController, CarrierController] }).compile();
    app = module.createNestApplication({ logger: false });
    app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
    await app.init();
    const config = new DocumentBuilder()
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'carrier-api-key')
      .build();
    doc = withErrorBodies(SwaggerModule.createDocument(app, config));
  });
  afterAll(() => app?.close());

  it.each(ERROR_CODES)('documents %s under the status the error filter answers it with', async (code) => {
    const res = await request(app.getHttpServer()).get(`/fail/${code}`);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: HTTP_STATUS_BY_CODE[code], code });
    expect(descriptions('/fail/{code}')[res.status].split(', ')).toContain(code);
  });

  it('groups the codes: one response per status, its description listing them in the order written', () => {
    const statuses = [...new Set(Object.values(HTTP_STATUS_BY_CODE))].map(String).sort();
    expect(Object.keys(responses('/fail/{code}')).sort()).toEqual(['200', ...statuses].sort());
    expect(descriptions('/fail/{code}')['400']).toBe(
      'VALIDATION_FAILED, INVALID_NUMBER, INVALID_LABEL, INVALID_DISPLAY_NAME, INVALID_CALL_REASON, INVALID_ORIGIN',
    );
    expect(describeErrors(['VERSION_CONFLICT', 'NOT_FOUND', 'DUPLICATE_CODE', 'RESERVED_NAME'])).toEqual(
      new Map([
        [409, 'VERSION_CONFLICT, DUPLICATE_CODE'],
        [404, 'NOT_FOUND'],
        [422, 'RESERVED_NAME'],
      ]),
    );
  });

  it('takes error codes only: a code with no status does not compile, nor run', () => {
    // @ts-expect-error: not an ErrorCode, so HTTP_STATUS_BY_CODE gives it no status
    expect(() => ApiErrors('NO_SUCH_CODE')).toThrow('ApiErrors: NO_SUCH_CODE is not an error code');
    // @ts-expect-error: nor with an explanation
    expect(() => ApiErrors(['NO_SUCH_CODE', 'why'])).toThrow('ApiErrors: NO_SUCH_CODE is not an error code');
    // @ts-expect-error: a status is not a code
    expect(() => ApiErrors(404)).toThrow();
  });

  it("puts each code's explanation beside it, and several ApiErrors on one route add up", () => {
    expect(describeErrors([['FOUR_EYES_REQUIRED', 'approve: you proposed it'], 'FORBIDDEN'])).toEqual(
      new Map([[403, 'FOUR_EYES_REQUIRED (approve: you proposed it), FORBIDDEN']]),
    );
    expect(descriptions('/items/{id}')).toEqual({
      '200': 'ok',
      '401': 'UNAUTHENTICATED',
      '403': 'FORBIDDEN (not a regulator), FOUR_EYES_REQUIRED (approve: you proposed it)',
      '404': 'NOT_FOUND (no such item)',
      '409': 'INVALID_TRANSITION, VERSION_CONFLICT (send the version you read)',
      '503': DATABASE_503,
    });
  });

  it("lists the controller's codes in a route's own description of the same status", () => {
    expect(descriptions('/items/{id}/approve')['403']).toBe(
      'FORBIDDEN (not a regulator), FOUR_EYES_REQUIRED (approve: you proposed it), PASSWORD_CHANGE_REQUIRED',
    );
  });

  it('ApiResource: the tag, the scheme, its errors and the path', () => {
    expect(operation('/items').tags).toEqual(['items']);
    expect(operation('/items').security).toEqual([{ bearer: [] }]);
    expect(descriptions('/items')).toEqual({
      '200': 'ok',
      '401': 'UNAUTHENTICATED',
      '403': 'FORBIDDEN (not a regulator), FOUR_EYES_REQUIRED (approve: you proposed it)',
      // A bearer's account is read from the database on every request, so every such route may answer it.
      '503': DATABASE_503,
    });
    expect(operation('/lookup').security).toEqual([{ 'carrier-api-key': [] }]);
    expect(descriptions('/lookup')).toEqual({ '200': 'ok', '401': 'UNAUTHENTICATED', '403': 'CARRIER_SUSPENDED' });
    expect(operation('/fail/{code}').security).toBeUndefined();
  });

  it('leaves the error body to withErrorBodies', () => {
    expect(responses('/items/{id}')['404'].content?.['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBodyDto');
    expect(responses('/items/{id}')['200'].content).toBeUndefined();
  });
});
