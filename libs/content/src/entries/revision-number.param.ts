import { Param, ParseIntPipe } from '@nestjs/common';
import { ValidationFailedError } from '@quire/core';

/** A revision number path parameter: a positive integer, anything else a 400 naming it. */
export function RevisionNumberParam(name = 'number'): ParameterDecorator {
  return Param(
    name,
    new ParseIntPipe({
      exceptionFactory: () =>
        new ValidationFailedError([
          { path: name, message: `${name} must be a revision number (an integer of at least 1)` },
        ]),
    }),
  );
}
