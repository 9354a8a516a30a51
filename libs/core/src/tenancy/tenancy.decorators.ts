import { SetMetadata, applyDecorators, Injectable } from '@nestjs/common';
import { AUTHENTICATOR_METADATA, WORKSPACE_RESOLVER_METADATA } from './tenancy.ports';

/** Marks a provider as an Authenticator the kernel consults (lower `order` first). */
export const QuireAuthenticator = (order = 100): ClassDecorator =>
  applyDecorators(Injectable(), SetMetadata(AUTHENTICATOR_METADATA, { order }));

/** Marks the provider that resolves workspaces and members' rules. Exactly one may be loaded. */
export const QuireWorkspaceResolver = (): ClassDecorator =>
  applyDecorators(Injectable(), SetMetadata(WORKSPACE_RESOLVER_METADATA, true));

export const PUBLIC_ROUTE = 'quire:public';
/** The route needs no authenticated actor (health, delivery of public content, sign-in). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
