/**
 * A batch answer written straight into bytes: the entries' shared JSON fragments are encoded to UTF-8 once and
 * copied, the per-item parts are ASCII. A thousand answers as one string made a half-megabyte two-byte string
 * per call (Vietnamese names), encoded again on the way out; this writes each byte once.
 */
export class JsonBytes {
  private buf: Buffer;
  private length = 0;
  // Node's own per-encoding writers: Buffer#write's argument handling costs more than these short writes.
  private static readonly latin1 = (Buffer.prototype as unknown as { latin1Write(this: Buffer, s: string, at: number): number })
    .latin1Write;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Text known to be ASCII (numbers, codes, our own JSON punctuation). */
  ascii(text: string): void {
    this.reserve(text.length);
    this.length += JsonBytes.latin1.call(this.buf, text, this.length);
  }

  utf8(text: string): void {
    this.reserve(Buffer.byteLength(text));
    this.length += this.buf.write(text, this.length, 'utf8');
  }

  bytes(bytes: Buffer): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  result(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  private reserve(more: number): void {
    if (this.length + more <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + more));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
}

/** UTF-8 of the index's shared fragments, by the fragment (one per brandname and organization pair). */
export class FragmentBytes {
  private bytes = new Map<string, Buffer>();

  of(fragment: string): Buffer {
    let found = this.bytes.get(fragment);
    if (found === undefined) {
      if (this.bytes.size >= 10_000) this.bytes = new Map(); // bounded; only ever a cache
      this.bytes.set(fragment, (found = Buffer.from(fragment)));
    }
    return found;
  }
}
