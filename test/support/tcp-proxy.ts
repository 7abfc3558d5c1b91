import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A tiny TCP proxy on 127.0.0.1 (port 0) to `targetHost:targetPort`, for cutting a connection in tests:
 * `cut()` destroys every open socket pair and closes each new connection at once (the port stays bound,
 * so `restore()` needs no new port); `blackHole()` keeps every connection open, accepts new ones, and forwards
 * nothing either way (a partitioned network: no reset, no answer); `restore()` forwards again, what was held
 * first (as TCP would deliver it once the partition heals).
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly held = new Set<{ hold(): void; release(): void }>();
  private down = false;
  private holding = false;
  connections = 0;
  /** Bytes forwarded from clients to the target: lets a test cut while a client is writing. */
  bytesToTarget = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** A proxy to the database of a PostgreSQL URL (the test run's DATABASE_URL, say); `viaProxy` gives the URL through it. */
  static forDatabase(url: string): Promise<TcpProxy> {
    const target = new URL(url);
    return TcpProxy.start(target.hostname, Number(target.port || 5432));
  }

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const holder: { proxy?: TcpProxy } = {};
    const server = createServer((client) => holder.proxy!.accept(client, targetHost, targetPort));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('proxy has no TCP address');
    holder.proxy = new TcpProxy(server, address.port);
    return holder.proxy;
  }

  get isCut(): boolean {
    return this.down;
  }

  /** Drops every open connection and refuses new ones until `restore()`. */
  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  get isBlackHoled(): boolean {
    return this.holding;
  }

  /** Keeps every connection open and forwards nothing, either way, until `restore()`. */
  blackHole(): void {
    this.holding = true;
    for (const pair of this.held) pair.hold();
  }

  restore(): void {
    this.down = false;
    if (!this.holding) return;
    this.holding = false;
    for (const pair of this.held) pair.release();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, host: string, port: number): void {
    client.on('error', () => undefined);
    if (this.down) {
      client.destroy();
      return;
    }
    this.connections++;
    client.on('data', (chunk: Buffer) => {
      this.bytesToTarget += chunk.length;
    });
    this.sockets.add(client);
    let upstream: Socket | undefined;
    const drop = () => {
      client.destroy();
      upstream?.destroy();
      this.sockets.delete(client);
      if (upstream) this.sockets.delete(upstream);
      this.held.delete(pair);
    };
    // A connection made during a black hole reaches the target only once restored (its handshake goes unanswered).
    const forward = () => {
      if (!upstream) {
        upstream = createConnection({ host, port });
        upstream.on('error', () => undefined);
        upstream.on('close', drop);
        this.sockets.add(upstream);
      }
      client.pipe(upstream);
      upstream.pipe(client);
    };
    const pair = {
      hold: () => {
        if (upstream) {
          client.unpipe(upstream);
          upstream.unpipe(client);
          upstream.pause();
        }
        client.pause();
      },
      release: () => {
        forward();
        upstream!.resume();
        client.resume();
      },
    };
    this.held.add(pair);
    client.on('close', drop);
    if (this.holding) pair.hold();
    else forward();
  }
}

/** `url` with its host and port replaced by the proxy's. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}
