import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedHook = { path: string; headers: IncomingHttpHeaders; body: string; answered: number };

/**
 * A real webhook receiver on loopback. `answer` picks the status of each request (default 200);
 * `down()` closes the port so that connections are refused, `up()` listens on the same port again.
 */
export class HookReceiver {
  readonly received: ReceivedHook[] = [];
  answer: (request: Omit<ReceivedHook, 'answered'>) => number = () => 200;
  private server: http.Server | null = null;
  private port = 0;

  static async start(): Promise<HookReceiver> {
    const receiver = new HookReceiver();
    await receiver.up();
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async up(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const answered = this.answer(request);
        this.received.push({ ...request, answered });
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** Requests answered 2xx (what the receiver accepted). */
  accepted(path?: string): ReceivedHook[] {
    return this.received.filter((r) => r.answered < 300 && (!path || r.path === path));
  }
}
