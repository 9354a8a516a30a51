import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';
import { renderEnvExample } from './env-example';

describe(loadConfig.name, () => {
  it('applies defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      LOG_FORMAT: 'pretty',
      BODY_LIMIT: 1048576,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.QUIRE_DEMO_SEED).toBe(true);
  });

  it('parses typed values', () => {
    const config = loadConfig({
      PORT: '8080',
      BODY_LIMIT: '512kb',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      SCHEDULER_ENABLED: 'no',
    });
    expect(config.PORT).toBe(8080);
    expect(config.BODY_LIMIT).toBe(512 * 1024);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.SCHEDULER_ENABLED).toBe(false);
  });

  it('refuses wrong values with one line per variable, naming it and what it expects', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(
      'Invalid configuration: PORT must be an integer between 0 and 65535 (got "eighty"); LOG_LEVEL must be one of error, warn, info, debug (got "loud")',
    );
  });

  it('never echoes secret values', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/quire', QUIRE_SECRET_KEY: 'short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('hunter2');
      expect((error as Error).message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
      expect((error as Error).message).toContain('QUIRE_SECRET_KEY must be 32 random bytes, base64-encoded');
    }
  });

  it('requires a secret key and a database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL is required when NODE_ENV=production; QUIRE_SECRET_KEY is required when NODE_ENV=production/,
    );
  });

  it('refuses bad origins and sizes', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(
      /CORS_ORIGINS "https:\/\/a.example\/path" must be an origin/,
    );
    expect(() => loadConfig({ BODY_LIMIT: '1gb' })).toThrow(/BODY_LIMIT must be a size like 512kb or 1mb/);
  });

  // After changing config.schema.ts: UPDATE_ENV_EXAMPLE=1 npx jest libs/core/src/config
  it('reads the account and mail settings', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://cms.example.com/',
      SMTP_URL: 'smtps://user:pw@smtp.example.com:465',
      SIGN_IN_METHODS: 'email-code',
      QUIRE_PLATFORM_ADMINS: ' Ops@Example.com, sec@example.com ',
    });
    expect(config.PUBLIC_URL).toBe('https://cms.example.com');
    expect(config.SMTP_URL).toBe('smtps://user:pw@smtp.example.com:465');
    expect(config.SIGN_IN_METHODS).toEqual(['email-code']);
    expect(config.QUIRE_PLATFORM_ADMINS).toEqual(['ops@example.com', 'sec@example.com']);
    expect(loadConfig({ PORT: '4000' }).PUBLIC_URL).toBe('http://127.0.0.1:4000');
  });

  it('refuses bad account and mail settings, naming each', () => {
    expect(() =>
      loadConfig({
        PUBLIC_URL: 'ftp://x',
        SMTP_URL: 'http://mail',
        SIGN_IN_METHODS: 'password,magic-link',
        QUIRE_PLATFORM_ADMINS: 'ops@example.com,not-an-email',
      }),
    ).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /PUBLIC_URL must be an http\(s\) URL[\s\S]*SMTP_URL must be an smtp[\s\S]*SIGN_IN_METHODS [\s\S]*"magic-link"[\s\S]*QUIRE_PLATFORM_ADMINS [\s\S]*"not-an-email"/,
        ),
      }),
    );
  });

  it('reads the password hash cost and refuses malformed or out-of-range values', () => {
    expect(loadConfig({}).PASSWORD_HASH_COST).toEqual({ memoryKiB: 65_536, passes: 3, lanes: 4 });
    expect(loadConfig({ PASSWORD_HASH_COST: 'm=19456, t=2, p=1' }).PASSWORD_HASH_COST).toEqual({
      memoryKiB: 19_456,
      passes: 2,
      lanes: 1,
    });
    for (const bad of ['65536', 'm=64,t=1,p=16', 'm=1024,t=0,p=1', 'm=1024,t=1,p=1,x=2', 'p=1,t=1,m=1024']) {
      expect(() => loadConfig({ PASSWORD_HASH_COST: bad })).toThrow(
        /PASSWORD_HASH_COST must be m=<KiB>,t=<passes>,p=<lanes>/,
      );
    }
  });

  it('.env.example lists every variable, exactly as generated from the schema', () => {
    const path = join(__dirname, '../../../../.env.example');
    if (process.env.UPDATE_ENV_EXAMPLE) writeFileSync(path, renderEnvExample());
    expect(readFileSync(path, 'utf8')).toBe(renderEnvExample());
  });
});
