/** Fetches a URL input the way a Cog model does (an HTTP GET), with a size cap and a time limit. */
export async function download(
  url: string,
  what: string,
  maxBytes: number,
  signal: AbortSignal,
  timeoutMs = 120_000,
): Promise<Buffer> {
  const shown = url.split('?')[0];
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
  } catch (err) {
    if (signal.aborted) throw err;
    const reason =
      err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new Error(`Failed to download ${what} from ${shown}: ${reason}`, { cause: err });
  }
  if (!res.ok) {
    await res.arrayBuffer().catch(() => undefined);
    throw new Error(`Failed to download ${what} from ${shown}: HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new Error(`${what} is larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > maxBytes) throw new Error(`${what} is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
