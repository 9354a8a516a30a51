/**
 * Arrow-key movement in a wrapping grid of items (roving focus): the index the key moves to, or null for a key
 * that does not move. Up and down jump a row, Home and End go to the ends.
 */
export function movedIndex(key: string, index: number, count: number, columns: number): number | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
      return Math.min(index + 1, last);
    case 'ArrowLeft':
      return Math.max(index - 1, 0);
    case 'ArrowDown':
      return Math.min(index + columns, last);
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** How many items the grid shows per row: those on the first item's line. */
export function columnsOf(items: readonly HTMLElement[]): number {
  if (items.length === 0) return 1;
  const top = items[0].offsetTop;
  return Math.max(1, items.filter((item) => item.offsetTop === top).length);
}
