/** On every response to a request of an impersonation session: the platform administrator acting. */
export const IMPERSONATOR_HEADER = 'Quire-Impersonator';
/** On the same responses: when the impersonation ends by itself (ISO 8601). */
export const IMPERSONATION_EXPIRES_HEADER = 'Quire-Impersonation-Expires';
