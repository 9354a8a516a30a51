import fc from 'fast-check';
import { generate } from 'otplib';
import { TOTP_PERIOD_SECONDS, TotpService } from './totp.service';

describe(TotpService.name, () => {
  const sut = new TotpService();
  const secret = sut.generateSecret();
  // The middle of a step, so that ±1 step is the whole window whatever the rounding.
  const now = new Date(Date.UTC(2026, 0, 15, 12, 0, 15));
  const epoch = Math.floor(now.getTime() / 1000);
  const step = Math.floor(epoch / TOTP_PERIOD_SECONDS);
  const tokenAt = (stepsAgo: number) => generate({ secret, epoch: epoch - stepsAgo * TOTP_PERIOD_SECONDS });

  it('generates a 160-bit base32 secret, different each time', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(sut.generateSecret()).not.toBe(secret);
  });

  it('builds the otpauth:// URI for the QR code', () => {
    const uri = new URL(sut.provisioningUri({ secret, accountName: 'ada@example.com' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Quire:ada@example.com');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Quire');
  });

  it('accepts a code for now and returns its time step', async () => {
    await expect(sut.verify(secret, await tokenAt(0), { now })).resolves.toBe(step);
  });

  it('accepts a code from the previous or the next step (clock drift)', async () => {
    await expect(sut.verify(secret, await tokenAt(1), { now })).resolves.toBe(step - 1);
    await expect(sut.verify(secret, await tokenAt(-1), { now })).resolves.toBe(step + 1);
  });

  it('refuses a code from two steps ago', async () => {
    await expect(sut.verify(secret, await tokenAt(2), { now })).resolves.toBeNull();
  });

  it('refuses a replay of the step already used, and earlier steps', async () => {
    const token = await tokenAt(0);
    const used = await sut.verify(secret, token, { now });
    expect(used).toBe(step);
    await expect(sut.verify(secret, token, { now, lastUsedStep: step })).resolves.toBeNull();
    await expect(sut.verify(secret, await tokenAt(1), { now, lastUsedStep: step })).resolves.toBeNull();
    await expect(sut.verify(secret, await tokenAt(-1), { now, lastUsedStep: step })).resolves.toBe(step + 1);
  });

  it('refuses when the last used step is ahead of the window', async () => {
    await expect(sut.verify(secret, await tokenAt(0), { now, lastUsedStep: step + 10 })).resolves.toBeNull();
  });

  it('accepts the code typed with a space, as apps display it', async () => {
    const token = await tokenAt(0);
    await expect(sut.verify(secret, `${token.slice(0, 3)} ${token.slice(3)}`, { now })).resolves.toBe(step);
  });

  it.each(['', '12345', '1234567', 'abcdef', '12345a', '١٢٣٤٥٦', '-12345', '1e5000'])(
    'refuses %p without throwing',
    async (garbage) => {
      await expect(sut.verify(secret, garbage, { now })).resolves.toBeNull();
    },
  );

  it('refuses, without throwing, a malformed secret or last used step', async () => {
    const token = await tokenAt(0);
    await expect(sut.verify('not base32!', token, { now })).resolves.toBeNull();
    await expect(sut.verify('', token, { now })).resolves.toBeNull();
    await expect(sut.verify(secret, token, { now, lastUsedStep: -1 })).resolves.toBeNull();
    await expect(sut.verify(secret, token, { now, lastUsedStep: 1.5 })).resolves.toBeNull();
  });

  it('never throws, whatever the token and secret', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^\d{6}$/)),
        fc.oneof(fc.constant(secret), fc.string()),
        fc.option(fc.integer(), { nil: undefined }),
        async (token, key, lastUsedStep) => {
          const result = await sut.verify(key, token, { now, lastUsedStep });
          expect(result === null || Number.isInteger(result)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
