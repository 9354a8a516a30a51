import { escapeHtml, mailTemplates, renderMail, type MailTemplate, type MailTemplateParams } from './mail-templates';

const samples: { [T in MailTemplate]: MailTemplateParams[T] } = {
  verifyEmail: { displayName: 'Ada', link: 'https://cms.example.com/verify?token=abc&x=1' },
  signInCode: { code: '123456', minutes: 10 },
  passwordReset: { displayName: 'Ada', link: 'https://cms.example.com/reset?token=abc', minutes: 30 },
  invitation: { inviterName: 'Ada', workspaceName: 'Acme', link: 'https://cms.example.com/invite/xyz', days: 7 },
  passwordChanged: { displayName: 'Ada', resetLink: 'https://cms.example.com/admin/reset-password' },
  accountClosed: { displayName: 'Ada', days: 90 },
  twoFactorEnabled: { displayName: 'Ada' },
  twoFactorDisabled: { displayName: 'Ada' },
  recoveryCodesRegenerated: { displayName: 'Ada' },
  recoveryCodeUsed: { displayName: 'Ada', remaining: 7 },
  commentMention: {
    authorName: 'Ada',
    workspaceName: 'Acme',
    entryTitle: 'Launch post',
    excerpt: 'Please check the numbers',
    link: 'https://cms.example.com/admin/workspaces/acme/entries/019aac3e?locale=en',
  },
  webhookDisabled: {
    workspaceName: 'Acme',
    url: 'https://hooks.example.com/quire',
    deadDeliveries: 10,
    reason: 'HTTP 503',
  },
  privacyRequestCode: { code: '123456', request: 'a copy of your data', minutes: 60 },
};

describe('mail templates', () => {
  it('escapes the characters that change HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it.each(Object.keys(mailTemplates) as MailTemplate[])(
    '%s: text and HTML carry the same facts, HTML is plain',
    (name) => {
      const mail = renderMail(name, samples[name] as never);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
      // No remote resources: nothing to load, nothing to track.
      expect(mail.html).not.toMatch(/<img|<link|<script|@import|url\(/i);
      const params = samples[name] as unknown as Record<string, string | number>;
      for (const value of Object.values(params)) {
        expect(mail.text).toContain(String(value));
        expect(mail.html).toContain(escapeHtml(String(value)));
      }
    },
  );

  it('never puts the sign-in code in the subject (subjects are logged)', () => {
    expect(renderMail('signInCode', { code: '987654', minutes: 10 }).subject).not.toContain('987654');
  });

  it('escapes user-supplied names in HTML but keeps them readable in text', () => {
    const mail = renderMail('invitation', {
      inviterName: '<script>alert(1)</script>',
      workspaceName: 'R&D "Labs"',
      link: 'https://cms.example.com/invite/xyz',
      days: 7,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('R&amp;D &quot;Labs&quot;');
    expect(mail.text).toContain('<script>alert(1)</script> invited you to join the workspace R&D "Labs"');
  });

  it('escapes a comment excerpt in HTML and keeps comment text out of the subject', () => {
    const mail = renderMail('commentMention', {
      authorName: 'Eve',
      workspaceName: 'Acme',
      entryTitle: '<b>Title</b>',
      excerpt: 'line one\n<img src=x onerror=alert(1)>',
      link: 'https://cms.example.com/admin/workspaces/acme/entries/1',
    });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('&lt;b&gt;Title&lt;/b&gt;');
    expect(mail.text).toContain('> line one\n> <img src=x onerror=alert(1)>');
    expect(mail.subject).toBe('Eve mentioned you in Acme on Quire');
  });

  it('keeps a name with line breaks on one subject line', () => {
    const mail = renderMail('invitation', {
      inviterName: 'Eve\r\nBcc: victim@example.com',
      workspaceName: 'Acme',
      link: 'https://cms.example.com/invite/xyz',
      days: 7,
    });
    expect(mail.subject).toBe('Eve Bcc: victim@example.com invited you to Acme on Quire');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => renderMail('verifyEmail', { displayName: 'Ada', link: 'javascript:alert(1)' })).toThrow(/http\(s\)/);
  });
});
