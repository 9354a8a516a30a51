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

export const PUBLIC_WORKSPACE_ROUTE = 'quire:public-workspace';
/**
 * A public route that names a workspace (`:workspace`), e.g. content delivery: anyone may call it, and the
 * workspace resolves for any actor through the resolver's `resolvePublic` (active workspaces only). The ability
 * is then an API key's scopes (a key bound to another workspace gets the same 404), a member's rules, or
 * nothing (anonymous, non-member): the route decides per record what nothing may still read.
 */
export const PublicWorkspaceRoute = (): MethodDecorator & ClassDecorator =>
  applyDecorators(Public(), SetMetadata(PUBLIC_WORKSPACE_ROUTE, true));
