/**
 * A list of the domain's constant words as SQL literals, for the few places SQL cannot take a parameter (the
 * predicate of ON CONFLICT, which must repeat a partial index's). Only ever for constants from libs/domain.
 */
export function sqlList(values: readonly string[]): string {
  return values
    .map((v) => {
      if (!/^[a-z_]+$/.test(v)) throw new Error(`Not a domain word: ${v}`);
      return `'${v}'`;
    })
    .join(', ');
}
