import { Module } from '@nestjs/common';

/** Controllers and providers of the identity plugin; filled in as the sign-in flows land (issue #3). */
@Module({})
export class IdentityModule {}
