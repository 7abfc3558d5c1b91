import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, OperationObject, PathItemObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyDto } from '../errors/error-body.dto';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Serves the OpenAPI document at /docs-json and Swagger UI at /docs, built from the controllers and DTOs. */
export function setupOpenApi(
  app: INestApplication,
  title: string,
  description: string,
  auth: 'bearer' | 'carrier-api-key',
  ui = true,
): void {
  const builder = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1.0');
  // The registry's carrier routes (holding confirmations) take the carrier key too.
  if (auth === 'bearer') builder.addBearerAuth();
  builder.addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'carrier-api-key');
  const document = withErrorBodies(SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorBodyDto] }));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', ui, raw: ['json'] });
}

/**
 * Every error response of every operation (4xx, 5xx) answers the one JSON error body (AllExceptionsFilter, and
 * the lookup's native routes): said here once, so no route declares it by hand and none can forget it. A route
 * still says which codes it answers, and ApiErrors (api-errors.ts) documents each under the status the filter gives it.
 */
export function withErrorBodies(document: OpenAPIObject): OpenAPIObject {
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } };
  for (const item of Object.values<PathItemObject>(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (/^[45]/.test(status) && response && !('$ref' in response)) response.content = content;
      }
    }
  }
  return document;
}
