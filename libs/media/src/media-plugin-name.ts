/** The media plugin's name: its options token, its settings key and the prefix of its events and problems. */
export const MEDIA_PLUGIN = 'media';
