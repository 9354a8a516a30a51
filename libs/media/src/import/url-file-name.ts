/** The last path segment of `url`, decoded ("" when there is none): the file name an import keeps by default. */
export function fileNameFromUrl(url: string): string {
  const segment = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
