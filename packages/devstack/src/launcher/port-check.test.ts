import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortsFree, isPortTaken, PortsInUseError, takenPorts } from './port-check.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function holdPort(host = '127.0.0.1'): Promise<number> {
  server = createServer();
  await new Promise<void>((resolve) => server!.listen(0, host, resolve));
  return (server.address() as { port: number }).port;
}

describe('port check', () => {
  it('tells a taken port from a free one, whether held on loopback or on every address', async () => {
    const loopback = await holdPort();
    expect(await isPortTaken(loopback)).toBe(true);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await isPortTaken(loopback)).toBe(false);

    const everywhere = await holdPort('0.0.0.0');
    expect(await takenPorts({ functions: everywhere })).toEqual([{ name: 'functions', port: everywhere }]);
  });

  it('refuses, naming the process that holds the port and the --offset flag', async () => {
    const port = await holdPort();
    const refusal = await assertPortsFree({ functions: port }, 30).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refusal).toBeInstanceOf(PortsInUseError);
    const message = (refusal as Error).message;
    expect(message).toContain(`pid ${process.pid} (`);
    expect(message).toContain(`${port} (functions)`);
    expect(message).toMatch(/--offset \d+/);
  });

  it('lets a stack start when its ports are free', async () => {
    const port = await holdPort();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(assertPortsFree({ functions: port }, 30)).resolves.toBeUndefined();
  });
});
