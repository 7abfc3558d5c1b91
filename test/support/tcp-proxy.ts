import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A tiny TCP proxy on 127.0.0.1 (port 0) to `targetHost:targetPort`, for cutting a connection in tests:
 * `cut()` destroys every open socket pair and closes each new connection at once (the port stays bound,
 * so `restore()` needs no new port); `restore()` forwards again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private down = false;
  connections = 0;
  /** Bytes forwarded from clients to the target: lets a test cut while a client is writing. */
  bytesToTarget = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

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

  restore(): void {
    this.down = false;
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
    const upstream = createConnection({ host, port });
    upstream.on('error', () => undefined);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** `url` with its host and port replaced by the proxy's. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}
