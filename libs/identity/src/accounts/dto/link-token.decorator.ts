import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * A token from a mailed link (43 characters of base64url). Only its shape is bounded here: any other string gets
 * the same `identity.token-invalid` as an unknown token, so the answer says nothing about how tokens look.
 */
export function IsLinkToken(): PropertyDecorator {
  return applyDecorators(IsString(), IsNotEmpty(), MaxLength(256));
}
