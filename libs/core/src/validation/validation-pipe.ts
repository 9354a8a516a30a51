import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError } from '../errors/core.errors';
import type { FieldProblem } from '../errors/quire-error';

/**
 * class-validator on every DTO: unknown members are refused (not silently dropped), and the 400 lists every
 * failing field with its rule. Query DTOs get the same treatment, so unknown query parameters are named.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}

export function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
