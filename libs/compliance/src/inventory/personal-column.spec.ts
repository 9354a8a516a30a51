import { looksPersonal } from './personal-column';

describe('looksPersonal', () => {
  it.each([
    ['identity_users', 'email'],
    ['crm_leads', 'contactEmail'],
    ['crm_leads', 'e_mail'],
    ['identity_users', 'display_name'],
    ['crm_leads', 'first_name'],
    ['crm_leads', 'last_name'],
    ['app_users', 'name'],
    ['workspace_members', 'name'],
    ['identity_sessions', 'ip'],
    ['audit_records', 'client_ip'],
    ['audit_records', 'ip_address'],
    ['identity_sessions', 'user_agent'],
    ['audit_records', 'userAgent'],
    ['crm_leads', 'phone_number'],
    ['crm_leads', 'mobile'],
    ['billing_customers', 'billing_address'],
    ['billing_customers', 'postal_code'],
    ['billing_customers', 'zip_code'],
    ['identity_users', 'avatar_url'],
    ['crm_leads', 'date_of_birth'],
    ['crm_leads', 'birthdate'],
    ['events', 'latitude'],
    ['crm_leads', 'username'],
  ])('%s.%s looks personal', (table, column) => {
    expect(looksPersonal(table, column)).toBe(true);
  });

  it.each([
    ['media_assets', 'file_name'],
    ['content_types', 'name'],
    ['workspaces', 'name'],
    ['identity_api_keys', 'name'],
    ['webhook_subscriptions', 'url'],
    ['jobs', 'api_id'],
    ['content_fields', 'type_name'],
    ['content_entries', 'shared_data'],
    ['media_assets', 'mime_type'],
    ['identity_mail_outbox', 'template'],
    ['workspaces', 'slug'],
    ['content_entries', 'description'],
    ['archives', 'zip_path'],
    ['contracts', 'wallet_address'],
    ['audit_records', 'zipped'],
  ])('%s.%s does not', (table, column) => {
    expect(looksPersonal(table, column)).toBe(false);
  });
});
