import { buildDataInventory } from './data-inventory.builder';
import { configWith, inventoryPlugins } from './fixtures/inventory-plugins';
import { renderRecordOfProcessing } from './record-of-processing.markdown';

const header = { installationUrl: 'https://cms.example.com', generatedAt: new Date('2026-11-23T04:00:00.000Z') };

describe('renderRecordOfProcessing', () => {
  const markdown = renderRecordOfProcessing(
    buildDataInventory(inventoryPlugins({ smtpHost: 'smtp.example.com:465' }), configWith()),
    header,
  );

  it('has the sections of an art. 30 record, in order', () => {
    const sections = markdown.split('\n').filter((line) => /^##? /.test(line));
    expect(sections).toEqual([
      '# Record of processing activities',
      '## Controller',
      '## Purposes of the processing',
      '## Categories of data subjects',
      '## Categories of personal data',
      '## Recipients and processors',
      '## Transfers to third countries',
      '## Retention',
      '## Technical and organisational security measures',
    ]);
    expect(markdown).toContain('on 2026-11-23T04:00:00.000Z');
    expect(markdown).toContain('Name and contact details of the controller: [');
  });

  it('lists purposes with their legal basis, categories with their fields, and retention with erasure', () => {
    expect(markdown).toContain(
      '| Provide the account | Performance of a contract (art. 6(1)(b)) | `accounts` | accounts |',
    );
    expect(markdown).toContain('| Keep notes | Legitimate interests (art. 6(1)(f)) | `notes` | notes |');
    expect(markdown).toContain('### Credentials');
    expect(markdown).toContain('| `accounts` | `password_hash` | yes |');
    expect(markdown).toContain(
      '| `accounts` | While the account is open | anonymized | `accounts.closed` | accounts |',
    );
    expect(markdown).toContain('| `notes` | Until deleted | deleted |  | notes |');
  });

  it('escapes pipes so that a description cannot break its table', () => {
    expect(markdown).toContain('| `accounts` | `display_name` | no | Shown to \\| co-workers | accounts |');
  });

  it('lists the configured processors, or says there are none', () => {
    expect(markdown).toContain(
      '| SMTP mail server | smtp.example.com:465 | Deliver account mails | Contact details, Communications | accounts |',
    );
    const none = renderRecordOfProcessing(buildDataInventory(inventoryPlugins(), configWith()), header);
    expect(none).not.toContain('SMTP mail server');
    expect(none).toContain('No outside processor is configured');
  });
});
