/**
 * A field's value as text a person can read and compare: rich text (a Tiptap/ProseMirror document) as its
 * paragraphs, strings as they are, lists and objects (JSON, components, relations) as indented JSON.
 * Empty values are the empty string; the screen says "empty" itself.
 */
export function readableValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRichText(value)) return richTextToPlain(value).trim();
  return JSON.stringify(value, null, 2);
}

interface RichNode {
  type: string;
  text?: string;
  content?: RichNode[];
}

function isRichText(value: unknown): value is RichNode {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';
}

// Text nodes join up; every other node with content (paragraph, heading, list item, …) is a line of its own.
function richTextToPlain(node: RichNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(richTextToPlain).join('');
  return node.type === 'doc' || inner.endsWith('\n') ? inner : `${inner}\n`;
}

/** Two values are the same when their JSON is (key order as stored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
