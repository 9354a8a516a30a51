import { ValidationFailedError, type FieldProblem } from '@quire/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UploadFieldsDto } from './dto/upload-fields.dto';

/**
 * The text parts of a multipart upload as a validated UploadFieldsDto: each part at most once (tags may repeat or
 * be comma-separated), an empty part counts as absent (what an HTML form sends for an empty input).
 */
export function readUploadFields(parts: Map<string, string[]>): UploadFieldsDto {
  const plain: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [name, values] of parts) {
    if (name === 'tags') {
      const tags = values.flatMap((value) => value.split(',')).filter((tag) => tag.trim() !== '');
      if (tags.length > 0) plain.tags = tags;
      continue;
    }
    if (values.length > 1) problems.push({ path: name, message: `${name} must be sent at most once` });
    if (values[0] !== '') plain[name] = values[0];
  }
  if (problems.length > 0) throw new ValidationFailedError(problems);
  const dto = plainToInstance(UploadFieldsDto, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new ValidationFailedError(
      errors.flatMap((error) =>
        Object.values(error.constraints ?? {}).map((message) => ({ path: error.property, message })),
      ),
    );
  }
  return dto;
}
