import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedError } from '../errors/core.errors';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter (never a database error). */
export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationFailedError([{ path: name, message: `${name} must be a UUID` }]),
    }),
  );
}
