// @quire/media: the media plugin's public surface.
// Event names and payloads (declaration merging into QuireEvents).
import './media.events';
export { MediaPlugin } from './media.plugin';
export { MEDIA_PLUGIN } from './media-plugin-name';
export { mediaOptionsFromConfig } from './media.config';
export type { MediaOptions } from './media.options';
export type { MediaSettings } from './media.settings';
export { ASSET_SUBJECT, MEDIA_FOLDER_SUBJECT } from './media.permissions';
export { MediaStorage, MediaObjectMissingError } from './storage/media-storage';
