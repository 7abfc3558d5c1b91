import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@app/domain';

/** Path ids: a malformed id is simply not found (never a 500 from the database). */
export const UUID = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => new DomainError('NOT_FOUND', 'No such item'),
});
