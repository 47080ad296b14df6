/** Every local port, shifted together so several stacks can run side by side (tests, demos). */
export const BASE_PORTS = {
  web: 3000,
  auth: 9099,
  firestore: 8080,
  functions: 5001,
  tasks: 9499,
  hub: 4400,
  logging: 4500,
  blob: 4101,
  stripe: 4102,
  replicate: 4103,
  mail: 4104,
} as const;

export type PortName = keyof typeof BASE_PORTS;
export type Ports = Record<PortName, number>;

export function portsWithOffset(offset: number): Ports {
  if (!Number.isInteger(offset) || offset < 0 || offset > 1000)
    throw new Error(`Invalid port offset ${offset}`);
  return Object.fromEntries(Object.entries(BASE_PORTS).map(([k, v]) => [k, v + offset])) as Ports;
}
