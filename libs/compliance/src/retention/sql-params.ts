/** Positional parameters of one statement: `add` returns the placeholder (`$3`) of the value it appends. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
