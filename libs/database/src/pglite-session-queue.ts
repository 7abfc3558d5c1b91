/**
 * Serialises many socket connections onto PGlite's single backend session.
 *
 * pglite-socket 0.2.17 queues *messages*, and outside a transaction it lets another connection's message run
 * between one connection's Parse, Bind and Execute. The unnamed prepared statement and portal live in the one
 * shared session, so concurrent queries clobbered each other ("unnamed prepared statement does not exist",
 * seen with 80 parallel approvals). This queue keeps a connection exclusive from its first extended-protocol
 * message until its Sync, and for a whole transaction, as a real server's separate sessions would.
 */
interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

interface PGliteLike {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // Parse, Bind, Describe, Execute, Close, Flush

export class PGliteSessionQueue {
  private queue: Pending[] = [];
  private processing = false;
  private owner: number | null = null; // the connection mid-sequence or in a transaction
  private midSequence = false;

  constructor(private readonly db: PGliteLike) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private next(): Pending | undefined {
    const exclusive = this.owner !== null && (this.midSequence || this.db.isInTransaction());
    if (!exclusive) return this.queue.shift();
    const i = this.queue.findIndex((p) => p.handlerId === this.owner);
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const type = item.message[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item!.message, {
              onRawData: (data) => {
                bytes += data.length;
                item!.onData(data);
              },
            }),
          );
          item.resolve(bytes);
        } catch (err) {
          item.reject(err);
        }
        this.owner = item.handlerId;
        if (EXTENDED.has(type)) this.midSequence = true;
        else if (type === SYNC || type === SIMPLE_QUERY) this.midSequence = false;
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((p) => {
      if (p.handlerId !== handlerId) return true;
      p.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A connection that dropped mid-transaction or mid-sequence must not keep the session. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    this.midSequence = false;
    await this.process();
  }
}

/** Swaps the server's message queue for the session-aware one (before any connection arrives). */
export function useSessionQueue(server: object, db: PGliteLike): void {
  (server as { queryQueue: unknown }).queryQueue = new PGliteSessionQueue(db);
}
