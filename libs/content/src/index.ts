// @quire/content: the content plugin's public surface.
// Event names and payloads (declaration merging into QuireEvents).
import './content.events';
export { ContentPlugin, CONTENT_PLUGIN } from './content.plugin';
export type { ContentOptions } from './content.options';
export * from './schema/field-definition';
export { ContentTypeLookup, type LoadedContentType } from './shared/content-type-lookup';
export {
  CONTENT_LABEL_SUBJECT,
  CONTENT_TYPE_SUBJECT,
  ENTRY_COMMENT_SUBJECT,
  ENTRY_SUBJECT,
  PUBLISHED_ENTRY_SUBJECT,
  WORKFLOW_SUBJECT,
} from './content.permissions';
