import { describe, expect, it } from 'vitest';
import { BASE_PORTS, MAX_PORT_OFFSET, PORT_OFFSET_STEP, portsWithOffset } from './local-ports.js';

describe('portsWithOffset', () => {
  it('shifts every port by the offset', () => {
    const ports = portsWithOffset(30);
    for (const [name, base] of Object.entries(BASE_PORTS))
      expect(ports[name as keyof typeof ports]).toBe(base + 30);
  });

  it('never gives two services the same port, within one stack or across two stacks', () => {
    const owners = new Map<number, string>();
    for (let offset = 0; offset <= MAX_PORT_OFFSET; offset += PORT_OFFSET_STEP) {
      if (offset === 60) continue;
      for (const [name, port] of Object.entries(portsWithOffset(offset))) {
        expect(owners.get(port), `port ${port} of ${name}@${offset}`).toBeUndefined();
        owners.set(port, `${name}@${offset}`);
      }
    }
  });

  it('refuses the offset that would put a service on a port fetch refuses', () => {
    expect(() => portsWithOffset(60)).toThrow(/functions service on port 5061/);
    for (const offset of [0, 10, 20, 30, 40, 50, 70, 80, 90])
      expect(() => portsWithOffset(offset)).not.toThrow();
  });
  it('refuses offsets that would collide or are not whole numbers', () => {
    for (const bad of [100, -10, 5, 1.5])
      expect(() => portsWithOffset(bad)).toThrow(/multiple of 10 from 0 to 90/);
  });
});
