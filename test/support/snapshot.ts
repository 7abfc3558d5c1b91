/** A snapshot's NDJSON as its parts: the header, the entry lines and the signed trailer (which must be last). */
export function parseSnapshot(text: string) {
  const [header, ...rest] = text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  const trailer = rest.pop();
  if (!trailer || typeof trailer.sha256 !== 'string') throw new Error('The snapshot has no trailer');
  return { header, entries: rest, trailer };
}
