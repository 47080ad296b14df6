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
      for (const [name, port] of Object.entries(portsWithOffset(offset))) {
        expect(owners.get(port), `port ${port} of ${name}@${offset}`).toBeUndefined();
        owners.set(port, `${name}@${offset}`);
      }
    }
  });

  it('refuses offsets that would collide or are not whole numbers', () => {
    for (const bad of [100, -10, 5, 1.5])
      expect(() => portsWithOffset(bad)).toThrow(/multiple of 10 from 0 to 90/);
  });
});
