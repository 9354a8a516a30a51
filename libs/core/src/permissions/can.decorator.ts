import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblemResponses } from '../openapi/api-problem-responses.decorator';

export const CAN_METADATA = 'quire:can';

export interface RequiredPermission {
  action: string;
  subject: string;
}

/**
 * The route needs this permission in the route's workspace. Checked by the kernel guard on the subject type;
 * instance conditions are enforced by services (ForbiddenError) and by list queries (rules → SQL).
 * Documents the 401/403 responses and an `x-permission` extension in OpenAPI.
 */
export function Can(action: string, subject: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(CAN_METADATA, { action, subject } satisfies RequiredPermission),
    ApiBearerAuth(),
    ApiExtension('x-permission', { action, subject }),
    ApiProblemResponses(401, 403),
  ) as MethodDecorator;
}
