import { fileTypeFromBuffer, supportedExtensions } from 'file-type';
import { EmptyFileError, TypeMismatchError, TypeNotAllowedError, UnsafeContentError } from '../media.errors';
import { appendExtension, extensionOf, sanitizeFileName } from './file-name';
import {
  canonicalType,
  extensionMatches,
  isAliasExtension,
  isAllowedType,
  kindOf,
  SVG_TYPE,
  type DetectedType,
} from './media-types';

/**
 * How much of the beginning of a file is held in memory before anything is stored: enough for file-type to tell
 * office formats and containers apart, and for the image probe to read dimensions behind a large EXIF block.
 */
export const HEAD_BYTES = 256 * 1024;

/** What browsers read to sniff a type (and where a PDF reader looks for its header). */
const SNIFF_WINDOW = 1024;

/**
 * Extensions that are not media formats file-type knows but that a desktop or browser opens as something
 * dangerous or as text: a JPEG named `photo.html` is refused (it would be saved as an HTML page), where a name
 * with an extension nobody opens (`scan.v2`) just gets the detected one appended.
 */
const RISKY_EXTENSIONS = new Set(
  (
    'htm html xhtml shtml xht svgz js mjs cjs css xml xsl php phtml asp aspx jsp exe com bat cmd sh ps1 vbs wsf ' +
    'hta msi scr dll jar app txt csv json md svg'
  ).split(' '),
);

/** Markup that makes a browser (or a sniffing proxy) treat bytes as a page that may run script. */
export const ACTIVE_MARKUP =
  /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>/]|iframe[\s>/]|object[\s>/]|embed[\s>/]|svg[\s>/]|\?php)|javascript:/i;

export interface InspectedHead {
  type: DetectedType;
  /** The sanitised name, with the detected extension appended when it had none. */
  fileName: string;
}

/**
 * Decides from the first bytes what a file is, and whether the workspace takes it: the type comes from the
 * content (file-type, and a markup sniff for SVG, which has no magic number), never from the name or the client's
 * Content-Type; the name's extension must name that type; the type must be on the allow-list; and the first
 * kilobyte must not also read as HTML or PDF (a polyglot that a browser or PDF reader would take for another
 * format). `head` is at most HEAD_BYTES; the rest of the file is checked while it streams (ContentScanner).
 */
export async function inspectHead(head: Buffer, rawName: string, allowed: readonly string[]): Promise<InspectedHead> {
  if (head.length === 0) throw new EmptyFileError();
  const sanitized = sanitizeFileName(rawName);
  const nameExtension = extensionOf(sanitized);
  const type = await detectType(head, nameExtension);
  if (type === null) throw new TypeNotAllowedError(null, allowed);
  if (!isAllowedType(type.mime, allowed)) throw new TypeNotAllowedError(type.mime, allowed);
  if (nameExtension !== null && isKnownExtension(nameExtension) && !extensionMatches(type.ext, nameExtension)) {
    throw new TypeMismatchError(sanitized, type.mime, nameExtension);
  }
  const fileName =
    nameExtension !== null && isKnownExtension(nameExtension) ? sanitized : appendExtension(sanitized, type.ext);
  checkSniffWindow(head, type);
  return { type, fileName };
}

async function detectType(head: Buffer, nameExtension: string | null): Promise<DetectedType | null> {
  const detected = await fileTypeFromBuffer(head);
  if (detected === undefined || detected.ext === 'xml') {
    if (looksLikeSvg(head)) return { mime: SVG_TYPE, ext: 'svg', kind: kindOf(SVG_TYPE) };
    return detected === undefined ? null : canonicalType(detected, nameExtension);
  }
  return canonicalType(detected, nameExtension);
}

/**
 * An SVG document: UTF-8 text whose first element is `<svg`, after an optional BOM, XML declaration, comments and
 * doctype. Anything else without magic bytes (HTML, plain text) is unrecognised and refused.
 */
export function looksLikeSvg(head: Buffer): boolean {
  const text = head
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+svg[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(
    text,
  );
}

/** An extension of a format file-type knows, or one that opens as something risky or as text. */
export function isKnownExtension(ext: string): boolean {
  return supportedExtensions.has(ext) || RISKY_EXTENSIONS.has(ext) || isAliasExtension(ext);
}

/** The first kilobyte of a binary format must not read as a page or hold a PDF header (browsers and readers sniff it). */
function checkSniffWindow(head: Buffer, type: DetectedType): void {
  if (type.mime === SVG_TYPE) return; // markup by nature: ContentScanner checks it for active content instead
  const window = head.subarray(0, SNIFF_WINDOW).toString('latin1');
  if (ACTIVE_MARKUP.test(window)) throw new UnsafeContentError(`it is ${type.mime} but its first bytes hold HTML`);
  if (type.ext !== 'pdf' && window.includes('%PDF-')) {
    throw new UnsafeContentError(`it is ${type.mime} but also holds a PDF header`);
  }
}
