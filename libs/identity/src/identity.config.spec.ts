import { loadConfig } from '@quire/core';
import { identityOptionsFromConfig } from './identity.config';
import { IdentityPlugin } from './identity.plugin';

describe('identityOptionsFromConfig', () => {
  it('maps the environment onto identity options', () => {
    const options = identityOptionsFromConfig(
      loadConfig({
        PUBLIC_URL: 'https://cms.example.com',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        MAIL_FROM: 'CMS <cms@example.com>',
        SIGN_IN_METHODS: 'password',
        QUIRE_PLATFORM_ADMINS: 'ops@example.com',
      }),
    );
    expect(options).toEqual({
      publicUrl: 'https://cms.example.com',
      smtpUrl: 'smtp://127.0.0.1:2525',
      mailFrom: 'CMS <cms@example.com>',
      signInMethods: { password: true, emailCode: false },
      platformAdminEmails: ['ops@example.com'],
    });
  });

  it('leaves SMTP unset without SMTP_URL (mail goes to the log and outbox)', () => {
    expect(identityOptionsFromConfig(loadConfig({}))).not.toHaveProperty('smtpUrl');
  });

  it('produces options the plugin accepts', () => {
    const plugin = IdentityPlugin.with(identityOptionsFromConfig(loadConfig({})));
    expect(plugin.options).toMatchObject({ publicUrl: 'http://127.0.0.1:3000', signInMethods: { password: true } });
  });
});
