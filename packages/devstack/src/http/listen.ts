import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A started stand-in: where it answers and how to stop it. */
export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface Listening {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Starts an HTTP server on host:port (0 picks a free port) and resolves once it accepts connections. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  port: number,
  host: string,
): Promise<Listening> {
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('Server has no TCP address');
  return {
    server,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets would hold close() open for minutes.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
