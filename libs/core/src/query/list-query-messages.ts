/** Quotes a client-supplied token for a message, cut short so a huge input can't bloat the response. */
export function quote(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(cut);
}

/** `filterable fields: title, slug`, or a sentence saying there are none. */
export function listOrNone(label: string, names: readonly string[]): string {
  return names.length > 0 ? `${label}: ${names.join(', ')}` : `there are no ${label}`;
}
