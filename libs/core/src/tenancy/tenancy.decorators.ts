import { SetMetadata, applyDecorators, Injectable } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { AUTHENTICATOR_METADATA, WORKSPACE_RESOLVER_METADATA } from './tenancy.ports';

/** Marks a provider as an Authenticator the kernel consults (lower `order` first). */
export const QuireAuthenticator = (order = 100): ClassDecorator =>
  applyDecorators(Injectable(), SetMetadata(AUTHENTICATOR_METADATA, { order }));

/** Marks the provider that resolves workspaces and members' rules. Exactly one may be loaded. */
export const QuireWorkspaceResolver = (): ClassDecorator =>
  applyDecorators(Injectable(), SetMetadata(WORKSPACE_RESOLVER_METADATA, true));

export const PUBLIC_ROUTE = 'quire:public';
/** Marks public operations in OpenAPI; setupOpenApi turns it into `security: []`. */
export const PUBLIC_OPERATION_EXTENSION = 'x-quire-public';
/** The route needs no authenticated actor (health, delivery of public content, sign-in). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
