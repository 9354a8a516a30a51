import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_METADATA = 'quire:accepts';

/** Content types a route accepts for its body; the default is application/json. */
export const Accepts = (...mediaTypes: string[]): MethodDecorator => SetMetadata(ACCEPTS_METADATA, mediaTypes);
