import { CorePlugin, PluginRegistry } from '@quire/core';
import { plugins } from '../../../../apps/api/src/quire.config';
import { buildDataInventory } from './data-inventory.builder';
import { configWith } from './fixtures/inventory-plugins';

/** The processors the real app's plugins report for an environment. */
function processorsFor(env: Record<string, string>) {
  const config = configWith(env);
  const loaded = PluginRegistry.resolve([CorePlugin, ...plugins(config)]).plugins;
  return buildDataInventory(loaded, config).processors;
}

describe('outside processors of the installation', () => {
  it('are none on a default installation (mails logged, media on local disk)', () => {
    expect(processorsFor({})).toEqual([]);
  });

  it('name the SMTP server by host only, never with the credentials of SMTP_URL', () => {
    const processors = processorsFor({ SMTP_URL: 'smtps://mailer:s3cret@smtp.example.com:465' });
    expect(processors).toEqual([
      expect.objectContaining({ plugin: 'identity', name: 'SMTP mail server', location: 'smtp.example.com:465' }),
    ]);
    expect(JSON.stringify(processors)).not.toContain('s3cret');
  });

  it('name the S3 storage of MEDIA_STORAGE=s3: its endpoint, or AWS and the region', () => {
    expect(
      processorsFor({
        MEDIA_STORAGE: 's3',
        MEDIA_S3_BUCKET: 'acme-media',
        MEDIA_S3_ENDPOINT: 'https://minio.internal.example.com:9000',
      }),
    ).toEqual([
      expect.objectContaining({
        plugin: 'media',
        name: 'S3-compatible object storage',
        location: 'minio.internal.example.com:9000 (bucket acme-media)',
        categories: ['content'],
      }),
    ]);
    expect(
      processorsFor({ MEDIA_STORAGE: 's3', MEDIA_S3_BUCKET: 'acme-media', MEDIA_S3_REGION: 'eu-central-1' }),
    ).toEqual([expect.objectContaining({ location: 'AWS S3, region eu-central-1 (bucket acme-media)' })]);
  });
});
