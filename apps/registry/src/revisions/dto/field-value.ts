import type { SchemaObject } from '@nestjs/swagger';

/**
 * The OpenAPI schema of a reviewed field's value, as revisions store it (libs/domain PolicyValue): a string (a
 * name, an id, a direction, a date as ISO-8601), a number (a rollout wave), a list of carrier codes (a number's
 * allowed origins), or null (a cleared field).
 */
export const FIELD_VALUE_SCHEMA = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
} satisfies SchemaObject;
