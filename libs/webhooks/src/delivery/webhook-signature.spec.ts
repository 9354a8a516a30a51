import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signatureHeader, signWebhookBody } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"id":"0192f0c4-7a3e-7c1d-8e2f-123456789abc","event":"content.entry.published"}';

  it('signs "<timestamp>.<body>" with HMAC-SHA256 keyed by the whole secret, in hex', () => {
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');

    expect(signWebhookBody('whsec_test', 1700000000, body)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with the timestamp, the body and the secret', () => {
    const base = signWebhookBody('whsec_a', 1700000000, body);

    expect(signWebhookBody('whsec_a', 1700000001, body)).not.toBe(base);
    expect(signWebhookBody('whsec_a', 1700000000, `${body} `)).not.toBe(base);
    expect(signWebhookBody('whsec_b', 1700000000, body)).not.toBe(base);
  });

  it('writes t= then one v1= per signing secret, newest first', () => {
    expect(signatureHeader(1700000000, body, ['whsec_new', 'whsec_old'])).toBe(
      `t=1700000000,v1=${signWebhookBody('whsec_new', 1700000000, body)},v1=${signWebhookBody('whsec_old', 1700000000, body)}`,
    );
  });

  it('generates distinct prefixed secrets of 32 random bytes', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateWebhookSecret));

    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
