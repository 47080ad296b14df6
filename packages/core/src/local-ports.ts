/**
 * Every port of the local stack, shifted together so several stacks run side by side (tests, demos).
 * The launcher binds them; the web app finds the emulators with them.
 */
export const BASE_PORTS = {
  web: 3000,
  auth: 9099,
  firestore: 8080,
  functions: 5001,
  tasks: 9499,
  eventarc: 9299,
  hub: 4400,
  logging: 4500,
  blob: 4101,
  stripe: 4102,
  replicate: 4103,
  mail: 4104,
  analytics: 4105,
} as const;

export type PortName = keyof typeof BASE_PORTS;
export type Ports = Record<PortName, number>;

/**
 * Stand-in ports are consecutive (4101–4105) and the emulators sit 100 apart (4400/4500,
 * 9099/9299/9499), so offsets in steps of 10 below 100 let up to ten stacks run side by side
 * without any two services sharing a port.
 */
export const PORT_OFFSET_STEP = 10;
export const MAX_PORT_OFFSET = 90;

/**
 * Ports of the WHATWG Fetch "bad port" list above 1024: browsers and Node's fetch refuse to connect
 * to them, so no service of the stack may land on one (offset 60 would put the functions emulator on
 * 5061, SIP over TLS).
 */
const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080,
]);

export function portsWithOffset(offset: number): Ports {
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_PORT_OFFSET || offset % PORT_OFFSET_STEP)
    throw new Error(
      `Port offset must be a multiple of ${PORT_OFFSET_STEP} from 0 to ${MAX_PORT_OFFSET}; got ${offset}`,
    );
  const ports = Object.fromEntries(Object.entries(BASE_PORTS).map(([k, v]) => [k, v + offset])) as Ports;
  const blocked = Object.entries(ports).find(([, port]) => FETCH_BLOCKED_PORTS.has(port));
  if (blocked) {
    throw new Error(
      `Port offset ${offset} puts the ${blocked[0]} service on port ${blocked[1]}, which browsers and Node refuse to connect to; use another offset`,
    );
  }
  return ports;
}
