import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy between a spawned `abm` process and a CRM sandbox. It forwards every request
 * at once (so the CRM applies a write immediately) but holds write responses back for `holdMs`: while
 * a write is "in flight" the CRM already has it and the client has not heard back, which is the worst
 * moment for a crash. Tests see each write start and how many are in flight, and count all calls.
 */
export interface CrmProxy {
  url: string;
  /** Requests of any kind seen so far (reads, writes, token calls). */
  readonly total: number;
  readonly writes: number;
  readonly inFlightWrites: number;
  /** Called with the running write count each time a write request is forwarded. */
  onWrite(listener: ((writeNumber: number) => void) | null): void;
  stop(): Promise<void>;
}

/** Writes are every non-GET call except reads sent as POST (HubSpot batch/read, search) and token calls. */
function isWrite(method: string | undefined, path: string): boolean {
  if (!method || method === 'GET') return false;
  return !/\/batch\/read|\/search|oauth2?\/token|oauth\/v1\/token/.test(path);
}

export async function startCrmProxy(target: string, options: { holdMs: number }): Promise<CrmProxy> {
  const upstream = new URL(target);
  const state = { total: 0, writes: 0, inFlight: 0 };
  let listener: ((n: number) => void) | null = null;
  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.total++;
      const write = isWrite(req.method, req.url ?? '');
      const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (upRes) => {
        const body: Buffer[] = [];
        upRes.on('data', (c: Buffer) => body.push(c));
        upRes.on('end', () => {
          const finish = (): void => {
            if (write) state.inFlight--;
            if (res.destroyed) return;
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(Buffer.concat(body));
          };
          if (write) setTimeout(finish, options.holdMs);
          else finish();
        });
      });
      out.on('error', () => {
        if (write) state.inFlight--;
        res.destroy();
      });
      out.end(Buffer.concat(chunks));
      if (write) {
        state.writes++;
        state.inFlight++;
        listener?.(state.writes);
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get total() {
      return state.total;
    },
    get writes() {
      return state.writes;
    },
    get inFlightWrites() {
      return state.inFlight;
    },
    onWrite(l) {
      listener = l;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
