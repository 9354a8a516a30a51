import { SetMetadata } from '@nestjs/common';

export const ISSUES_TOKENS = 'identity:issues-tokens';

/**
 * Marks a handler whose result carries `accessToken` and `refreshToken` (every sign-in step, refresh, SSO
 * callback). A browser client that asks for cookies (`Quire-Token-Delivery: cookie`) gets them as httpOnly
 * cookies instead of in the body; see TokenDeliveryInterceptor.
 */
export const IssuesTokens = (): MethodDecorator => SetMetadata(ISSUES_TOKENS, true);
