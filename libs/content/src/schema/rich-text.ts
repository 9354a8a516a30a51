import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Fragment, Mark, Node as ProseMirrorNode, type NodeType, type Schema } from '@tiptap/pm/model';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import sanitizeHtml from 'sanitize-html';

/** A rich-text value: a Tiptap (ProseMirror) document as JSON. */
export type RichTextDocument = { type: 'doc'; content?: unknown[] };

/** A rich-text value that is not a document at all (not an object with `type: 'doc'`, or beyond repair). */
export class RichTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RichTextError';
  }
}

/** Deeper nodes are dropped: a hostile document nested thousands deep must not exhaust the stack. */
const MAX_NODE_DEPTH = 40;
const MAX_HREF_LENGTH = 2048;
const MAX_TITLE_LENGTH = 500;

const extensions = [StarterKit];
let cachedSchema: Schema | undefined;

/** The StarterKit schema: the nodes, marks and attributes a rich-text value may hold. */
export function richTextSchema(): Schema {
  return (cachedSchema ??= getSchema(extensions));
}

/**
 * Whether a link target is safe to keep: http(s) and mailto URLs, or a relative reference. No whitespace or
 * control characters (browsers drop them, so `java\tscript:` would become `javascript:`), no backslashes (`/\host`
 * is `//host` to a browser), no protocol-relative `//host`.
 */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href === '' || href.length > MAX_HREF_LENGTH) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029\\]/.test(href)) return false;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
  if (scheme) return ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase());
  // Without a scheme: relative. A colon before the first `/`, `?` or `#` would make it a scheme in some parsers.
  if (href.startsWith('//')) return false;
  const firstSegment = href.split(/[/?#]/, 1)[0]!;
  return !firstSegment.includes(':');
}

type Attrs = Record<string, unknown>;
/** Per node or mark type, the attributes kept and how: a cleaned value, or undefined to drop the attribute. */
const ATTRIBUTE_RULES: Record<string, Record<string, (value: unknown) => unknown>> = {
  heading: { level: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 6 ? v : undefined) },
  codeBlock: {
    language: (v) => (typeof v === 'string' && /^[a-zA-Z0-9_+#.-]{1,40}$/.test(v) ? v : undefined),
  },
  orderedList: {
    start: (v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1_000_000 ? v : undefined),
    type: (v) => (typeof v === 'string' && ['1', 'a', 'A', 'i', 'I'].includes(v) ? v : undefined),
  },
  link: {
    href: (v) => (isSafeHref(v) ? v : undefined),
    target: (v) => (v === '_blank' || v === '_self' ? v : undefined),
    title: (v) => (typeof v === 'string' && v.length <= MAX_TITLE_LENGTH ? v : undefined),
  },
};

function cleanAttrs(typeName: string, attrs: unknown): Attrs {
  const rules = ATTRIBUTE_RULES[typeName] ?? {};
  const cleaned: Attrs = {};
  if (!isPlainObject(attrs)) return cleaned;
  for (const [name, rule] of Object.entries(rules)) {
    const value = rule(attrs[name]);
    if (value !== undefined) cleaned[name] = value;
  }
  return cleaned;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The marks of one text node that its parent allows, unknown marks and links without a safe href dropped. */
function buildMarks(schema: Schema, parent: NodeType, rawMarks: unknown): readonly Mark[] {
  let marks: readonly Mark[] = Mark.none;
  if (!Array.isArray(rawMarks)) return marks;
  for (const raw of rawMarks) {
    if (!isPlainObject(raw) || typeof raw['type'] !== 'string') continue;
    const markType = Object.prototype.hasOwnProperty.call(schema.marks, raw['type'])
      ? schema.marks[raw['type']]
      : undefined;
    if (!markType || !parent.allowsMarkType(markType)) continue;
    const attrs = cleanAttrs(markType.name, raw['attrs']);
    if (markType.name === 'link' && attrs['href'] === undefined) continue;
    marks = markType.create(attrs).addToSet(marks);
  }
  return marks;
}

/** Children of one node: unknown types dropped, stray inline nodes in a block container wrapped in paragraphs. */
function buildChildren(schema: Schema, parent: NodeType, rawContent: unknown, depth: number): ProseMirrorNode[] {
  if (!Array.isArray(rawContent)) return [];
  const built: ProseMirrorNode[] = [];
  for (const raw of rawContent) {
    const node = buildNode(schema, parent, raw, depth + 1);
    if (node) built.push(node);
  }
  if (parent.inlineContent || built.every((n) => !n.isInline)) return built;
  // A container of blocks holding inline nodes: keep the text, in paragraphs.
  const paragraph = schema.nodes['paragraph']!;
  const wrapped: ProseMirrorNode[] = [];
  let run: ProseMirrorNode[] = [];
  const flush = (): void => {
    if (run.length > 0) wrapped.push(paragraph.create(null, run));
    run = [];
  };
  for (const node of built) {
    if (node.isInline) run.push(node);
    else {
      flush();
      wrapped.push(node);
    }
  }
  flush();
  return wrapped;
}

function buildNode(schema: Schema, parent: NodeType, raw: unknown, depth: number): ProseMirrorNode | null {
  if (depth > MAX_NODE_DEPTH || !isPlainObject(raw) || typeof raw['type'] !== 'string') return null;
  const typeName = raw['type'];
  if (typeName === 'doc' || !Object.prototype.hasOwnProperty.call(schema.nodes, typeName)) return null;
  const type = schema.nodes[typeName]!;
  if (type.isText) {
    const text = raw['text'];
    if (typeof text !== 'string' || text === '') return null;
    return schema.text(text, buildMarks(schema, parent, raw['marks']));
  }
  if (parent.inlineContent && !type.isInline) {
    // A block where only inline content fits (a paragraph inside a paragraph): dropped.
    return null;
  }
  const children = buildChildren(schema, type, raw['content'], depth);
  const attrs = cleanAttrs(typeName, raw['attrs']);
  const fragment = Fragment.fromArray(children);
  if (type.validContent(fragment)) return type.create(attrs, fragment);
  // Missing required children (an empty list item): let ProseMirror fill them in; otherwise drop the node.
  return type.createAndFill(attrs, fragment) ?? null;
}

/**
 * The document with everything outside the StarterKit schema removed: unknown node types and marks dropped,
 * attributes other than the few each type defines dropped (`onclick`, `style`, `class`…), links whose href is
 * not http(s), mailto or relative unlinked (the text stays). Strips rather than refuses; throws `RichTextError`
 * only for a value that is not a document object at all. Idempotent: sanitizing a sanitized document returns an
 * equal document.
 */
export function sanitizeRichText(doc: unknown): RichTextDocument {
  if (!isPlainObject(doc) || doc['type'] !== 'doc') {
    throw new RichTextError('must be a rich-text document ({ "type": "doc", "content": [...] })');
  }
  if (doc['content'] !== undefined && !Array.isArray(doc['content'])) {
    throw new RichTextError('must be a rich-text document: "content" must be an array');
  }
  const schema = richTextSchema();
  const docType = schema.topNodeType;
  const children = buildChildren(schema, docType, doc['content'], 0);
  const fragment = Fragment.fromArray(children);
  const node = docType.validContent(fragment) ? docType.create(null, fragment) : docType.createAndFill(null, fragment);
  if (!node) throw new RichTextError('is not a valid rich-text document');
  try {
    node.check();
  } catch (error) {
    throw new RichTextError(`is not a valid rich-text document (${(error as Error).message})`);
  }
  return node.toJSON() as RichTextDocument;
}

/** A parsed, sanitized document node. */
function toNode(doc: unknown): ProseMirrorNode {
  return ProseMirrorNode.fromJSON(richTextSchema(), sanitizeRichText(doc));
}

const FINAL_WALL: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'pre',
    'code',
    'br',
    'hr',
    'strong',
    'em',
    's',
    'u',
    'a',
  ],
  allowedAttributes: { a: ['href', 'target', 'rel', 'title'], ol: ['start', 'type'], code: ['class'] },
  allowedClasses: { code: [/^language-[a-zA-Z0-9_+#.-]{1,40}$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

/**
 * HTML for a rich-text value: sanitized, rendered by Tiptap's static renderer, then passed through sanitize-html
 * as a last wall (no script, no event attributes, no javascript: URLs, even if a renderer bug let one through).
 */
export function renderRichTextHtml(doc: unknown): string {
  const html = renderToHTMLString({ extensions, content: toNode(doc) });
  return sanitizeHtml(html, FINAL_WALL);
}

/** The document's text, blocks separated by a newline: for search, length limits and previews. */
export function richTextPlainText(doc: unknown): string {
  const node = toNode(doc);
  return node.textBetween(0, node.content.size, '\n', '\n');
}

/** Whether a rich-text value holds no text and no content-bearing leaf (a horizontal rule counts as content). */
export function isEmptyRichText(doc: unknown): boolean {
  if (!isPlainObject(doc) || doc['type'] !== 'doc') return doc === null || doc === undefined;
  let node: ProseMirrorNode;
  try {
    node = toNode(doc);
  } catch {
    return false;
  }
  let empty = true;
  node.descendants((child) => {
    if (!empty) return false;
    if (child.isText ? (child.text ?? '').trim() !== '' : child.isLeaf && child.type.name !== 'hardBreak') {
      empty = false;
    }
    return empty;
  });
  return empty;
}
