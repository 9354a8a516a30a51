/** Who is acting. Every audit record and every permission check starts here. */
export interface Actor {
  type: 'user' | 'api-key' | 'system' | 'anonymous';
  /** User id, API key id, or the job name for `system`. */
  id: string | null;
  label?: string;
  /** Set while a platform administrator impersonates this user. */
  impersonatorId?: string;
  /** Installation-wide administrator (not a workspace role). */
  platformAdmin?: boolean;
  /** The sign-in session the request belongs to (session access tokens); sign-out revokes it. */
  sessionId?: string;
  /** API key scopes, when the actor is a key: rules the key is limited to. */
  scopes?: string[];
  /**
   * The workspace an API key is bound to. The kernel lets such an actor into that workspace only (any other is
   * the same 404 as for a non-member), with the ability of its scopes instead of member rules.
   */
  workspaceId?: string;
}

export const ANONYMOUS: Actor = Object.freeze({ type: 'anonymous', id: null });

export function systemActor(jobName: string): Actor {
  return { type: 'system', id: jobName, label: jobName };
}
