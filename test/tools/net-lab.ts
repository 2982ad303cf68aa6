// A loopback network lab for the benchmark: a TCP delay proxy that makes every round trip and
// every new connection cost what it costs on a real wide-area link, a TLS terminator that puts
// real TLS handshakes in front of the plain-http simulator, and throwaway certificates for it.
//
// Chain for the TLS scenario: client → DelayProxy → TlsTerminator → simulator. The proxy is the
// only place time is added, so TCP setup, the TLS handshake and each request cross the delay.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

/** Bytes travelling one way through the proxy, released in order once their time has come. */
class DelayedPipe {
  private readonly queue: Array<{ due: number; chunk: Buffer }> = [];
  private timer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly to: net.Socket,
    private readonly oneWayMs: number,
    /** Earliest moment anything may be released (models the TCP handshake). */
    private readonly notBefore: number,
  ) {}

  push(chunk: Buffer): void {
    // Due times never go backwards, so releasing from the head keeps the byte order.
    const last = this.queue.at(-1)?.due ?? 0;
    const due = Math.max(performance.now() + this.oneWayMs, this.notBefore, last);
    this.queue.push({ due, chunk });
    this.schedule();
  }

  /** The sender closed its side: close ours once everything before it was delivered. */
  end(): void {
    this.ended = true;
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private schedule(): void {
    if (this.timer) return;
    const head = this.queue[0];
    if (!head) {
      if (this.ended && !this.to.destroyed) this.to.end();
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const now = performance.now();
        while (this.queue[0] && this.queue[0].due <= now + 0.5) {
          const { chunk } = this.queue.shift()!;
          if (!this.to.destroyed) this.to.write(chunk);
        }
        this.schedule();
      },
      Math.max(0, head.due - performance.now()),
    );
  }
}

export interface DelayProxyOptions {
  /** Where to forward to (127.0.0.1). */
  targetPort: number;
  /** Added to every chunk in each direction: a round trip costs 2 × oneWayMs. */
  oneWayMs: number;
}

/**
 * A TCP proxy that delays each chunk by a one-way delay in each direction, in order. The
 * kernel completes the client's TCP handshake at once on loopback, so the handshake's round
 * trip is added here instead: nothing the client sends reaches the target before three one-way
 * delays after the connection was accepted (SYN, SYN-ACK, then the first data segment), just
 * as on a real link. Counts the connections it accepted.
 */
export class DelayProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly pipes = new Set<DelayedPipe>();
  /** Connections accepted since start or the last takeCount(). */
  accepted = 0;
  port = 0;

  constructor(private readonly opts: DelayProxyOptions) {}

  static async start(opts: DelayProxyOptions): Promise<DelayProxy> {
    const proxy = new DelayProxy(opts);
    await proxy.listen();
    return proxy;
  }

  /** Returns the count so far and starts a new one. */
  takeCount(): number {
    const n = this.accepted;
    this.accepted = 0;
    return n;
  }

  private async listen(): Promise<void> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    this.accepted++;
    const { oneWayMs, targetPort } = this.opts;
    const upstream = net.connect(targetPort, '127.0.0.1');
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const up = new DelayedPipe(upstream, oneWayMs, performance.now() + 3 * oneWayMs);
    const down = new DelayedPipe(client, oneWayMs, 0);
    this.pipes.add(up).add(down);
    this.sockets.add(client).add(upstream);
    client.on('data', (c: Buffer) => up.push(c));
    upstream.on('data', (c: Buffer) => down.push(c));
    client.on('end', () => up.end());
    upstream.on('end', () => down.end());
    const teardown = () => {
      up.stop();
      down.stop();
      this.pipes.delete(up);
      this.pipes.delete(down);
      client.destroy();
      upstream.destroy();
    };
    // An error on either side ends both at once; a clean close (FIN) is forwarded in order
    // behind the bytes still in flight, through end().
    client.on('error', teardown);
    upstream.on('error', teardown);
    client.on('close', () => {
      this.sockets.delete(client);
      down.stop();
      this.pipes.delete(down);
    });
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      up.stop();
      this.pipes.delete(up);
    });
  }

  async close(): Promise<void> {
    for (const p of this.pipes) p.stop();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

export interface Certificates {
  dir: string;
  /** PEM of the CA: what NODE_EXTRA_CA_CERTS points at. */
  caFile: string;
  key: string;
  cert: string;
  remove(): void;
}

/**
 * A throwaway CA and a leaf for localhost / 127.0.0.1 signed by it, made with the openssl CLI
 * in a fresh temporary directory (nothing is committed; call remove() when done).
 */
export function makeCertificates(): Certificates {
  const dir = mkdtempSync(path.join(tmpdir(), 'sas-gate-certs-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  try {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=sas-image-gate bench CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
    );
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-keyout',
      file('leaf.key'),
      '-out',
      file('leaf.csr'),
    );
    writeFileSync(
      file('leaf.ext'),
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '',
      ].join('\n'),
    );
    openssl(
      'x509',
      '-req',
      '-in',
      file('leaf.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      file('leaf.ext'),
      '-out',
      file('leaf.pem'),
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    caFile: file('ca.pem'),
    key: readFileSync(file('leaf.key'), 'utf8'),
    cert: readFileSync(file('leaf.pem'), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Terminates TLS and forwards the plaintext to a loopback port, one upstream per connection. */
export class TlsTerminator {
  private server?: tls.Server;
  private readonly sockets = new Set<net.Socket>();
  /** TLS handshakes completed. */
  handshakes = 0;
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly certs: Pick<Certificates, 'key' | 'cert'>,
  ) {}

  static async start(
    targetPort: number,
    certs: Pick<Certificates, 'key' | 'cert'>,
  ): Promise<TlsTerminator> {
    const t = new TlsTerminator(targetPort, certs);
    await t.listen();
    return t;
  }

  private async listen(): Promise<void> {
    this.server = tls.createServer({ key: this.certs.key, cert: this.certs.cert }, (secure) => {
      this.handshakes++;
      const plain = net.connect(this.targetPort, '127.0.0.1');
      plain.setNoDelay(true);
      this.sockets.add(secure).add(plain);
      secure.pipe(plain).pipe(secure);
      const teardown = () => {
        secure.destroy();
        plain.destroy();
      };
      secure.on('error', teardown).on('close', () => this.sockets.delete(secure));
      plain.on('error', teardown).on('close', () => this.sockets.delete(plain));
    });
    // A client that gives up mid-handshake is not the lab's problem.
    this.server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/** The whole TLS chain in front of a simulator: connect clients to https://localhost:<port>. */
export interface TlsLink {
  proxy: DelayProxy;
  terminator: TlsTerminator;
  certs: Certificates;
  /** https://localhost:<proxy port> */
  url: string;
  close(): Promise<void>;
}

export async function startTlsLink(simPort: number, roundTripMs: number): Promise<TlsLink> {
  const certs = makeCertificates();
  const terminator = await TlsTerminator.start(simPort, certs);
  const proxy = await DelayProxy.start({ targetPort: terminator.port, oneWayMs: roundTripMs / 2 });
  return {
    proxy,
    terminator,
    certs,
    url: `https://localhost:${proxy.port}`,
    close: async () => {
      await proxy.close();
      await terminator.close();
      certs.remove();
    },
  };
}
