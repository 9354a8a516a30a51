import { ConfigError, loadConfig } from '@quire/core';
import { LocalDiskMediaStorage } from './local-disk-media-storage';
import { createMediaStorage } from './media-storage.providers';
import { S3MediaStorage } from './s3-media-storage';

describe(createMediaStorage.name, () => {
  it('uses the local disk under QUIRE_DATA_DIR/media by default', () => {
    const config = loadConfig({});
    const storage = createMediaStorage(config);

    expect(config.MEDIA_STORAGE).toBe('local');
    expect(config.MEDIA_LOCAL_ROOT).toBe('./.quire/media');
    expect(loadConfig({ QUIRE_DATA_DIR: '/var/lib/quire/' }).MEDIA_LOCAL_ROOT).toBe('/var/lib/quire/media');
    expect(storage).toBeInstanceOf(LocalDiskMediaStorage);
    expect(storage.driver).toBe('local');
  });

  it('builds the S3 driver from MEDIA_S3_*', () => {
    const config = loadConfig({
      MEDIA_STORAGE: 's3',
      MEDIA_S3_BUCKET: 'acme-media',
      MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000/',
      MEDIA_S3_ACCESS_KEY_ID: 'id',
      MEDIA_S3_SECRET_ACCESS_KEY: 'secret',
      MEDIA_S3_KEY_PREFIX: 'quire/prod',
    });
    const storage = createMediaStorage(config) as S3MediaStorage;

    expect(config).toMatchObject({
      MEDIA_S3_REGION: 'us-east-1',
      MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000',
      MEDIA_S3_FORCE_PATH_STYLE: true,
      MEDIA_S3_KEY_PREFIX: 'quire/prod/',
    });
    expect(storage).toBeInstanceOf(S3MediaStorage);
    expect(storage.driver).toBe('s3');
    storage.onModuleDestroy();
    expect(loadConfig({ MEDIA_STORAGE: 's3', MEDIA_S3_BUCKET: 'acme-media' }).MEDIA_S3_FORCE_PATH_STYLE).toBe(false);
  });
});

describe('media storage configuration', () => {
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    return [];
  };

  it('stops the boot when s3 has no bucket, naming the variable', () => {
    expect(problems({ MEDIA_STORAGE: 's3' })).toEqual(['MEDIA_S3_BUCKET is required when MEDIA_STORAGE=s3']);
  });

  it('requires the access key and its secret together, without echoing either', () => {
    const found = problems({ MEDIA_S3_ACCESS_KEY_ID: 'AKIASECRETLOOKING' });

    expect(found).toEqual([
      'MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY must be set together (or both unset)',
    ]);
    expect(problems({ MEDIA_S3_SECRET_ACCESS_KEY: 'hunter2' }).join()).not.toContain('hunter2');
  });

  it('refuses malformed values, each naming its variable', () => {
    expect(
      problems({
        MEDIA_STORAGE: 'gcs',
        MEDIA_S3_BUCKET: 'Bad_Bucket',
        MEDIA_S3_ENDPOINT: 'ftp://minio',
        MEDIA_S3_FORCE_PATH_STYLE: 'maybe',
        MEDIA_S3_KEY_PREFIX: '../up',
        MEDIA_CDN_BASE_URL: 'https://cdn.example.com/?x=1',
        MEDIA_SIGNED_URL_TTL: '9999999',
        MEDIA_IMAGE_MAX_PIXELS: '10',
      }),
    ).toEqual([
      'MEDIA_STORAGE must be one of local, s3 (got "gcs")',
      'MEDIA_S3_BUCKET must be an S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens (got "Bad_Bucket")',
      'MEDIA_S3_ENDPOINT must be an http(s) URL without credentials, query or fragment, e.g. https://s3.example.com (got "ftp://minio")',
      'MEDIA_S3_FORCE_PATH_STYLE must be true or false (got "maybe")',
      'MEDIA_S3_KEY_PREFIX must be a relative path like quire/production/ (letters, digits, . _ -; no segment starting with a dot)',
      'MEDIA_CDN_BASE_URL must be an http(s) URL without query or fragment, e.g. https://cms.example.com',
      'MEDIA_SIGNED_URL_TTL must be an integer between 10 and 604800',
      'MEDIA_IMAGE_MAX_PIXELS must be an integer between 1000000 and 1000000000 (got "10")',
    ]);
  });
});
