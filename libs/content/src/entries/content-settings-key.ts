/** The plugin name under which the content settings (`localeFallbacks`) are stored per workspace. */
export const CONTENT_PLUGIN_SETTINGS = 'content';
