import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

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
  const document = SwaggerModule.createDocument(app, builder.build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', ui, raw: ['json'] });
}
