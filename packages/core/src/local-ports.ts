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
} as const;

export type PortName = keyof typeof BASE_PORTS;
export type Ports = Record<PortName, number>;

/**
 * Stand-in ports are consecutive (4101–4104) and the emulators sit 100 apart (4400/4500,
 * 9099/9299/9499), so offsets in steps of 10 below 100 let up to ten stacks run side by side
 * without any two services sharing a port.
 */
export const PORT_OFFSET_STEP = 10;
export const MAX_PORT_OFFSET = 90;

export function portsWithOffset(offset: number): Ports {
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_PORT_OFFSET || offset % PORT_OFFSET_STEP)
    throw new Error(
      `Port offset must be a multiple of ${PORT_OFFSET_STEP} from 0 to ${MAX_PORT_OFFSET}; got ${offset}`,
    );
  return Object.fromEntries(Object.entries(BASE_PORTS).map(([k, v]) => [k, v + offset])) as Ports;
}
