/** Where the stand-ins write their one-line logs (webhook attempts, failures); tests pass a quiet one. */
export type Log = (line: string) => void;

export function prefixedConsoleLog(name: string): Log {
  return (line) => console.log(`[${name}] ${line}`);
}
