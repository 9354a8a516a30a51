/**
 * The members of a list item that `fields=` asked for (validated against the spec by parseListQuery), or the
 * whole item when it asked for none. Applied to the response shape, so a client never sees a column name.
 */
export function selectFields<T extends object>(item: T, fields: string[] | null): Partial<T> {
  if (!fields) return item;
  return Object.fromEntries(Object.entries(item).filter(([key]) => fields.includes(key))) as Partial<T>;
}
