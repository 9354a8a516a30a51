import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the problem lists every failing field with its rule.',
  401: 'No valid session or API key.',
  403: 'The member may not perform this action.',
  404: 'Not found in this workspace (or the workspace is not accessible).',
  409: 'Conflicts with the current state.',
  413: 'The request body is larger than the configured limit.',
  415: 'The request body has an unsupported Content-Type.',
  429: 'Too many requests.',
};

/** Documents the problem+json error responses of a route. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
      }),
    ),
  );
}

export { ProblemDetailsDto };
