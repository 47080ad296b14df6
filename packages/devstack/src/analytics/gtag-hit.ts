/**
 * gtag.js sends GA4 hits to `/g/collect` as URL parameters: `tid` (measurement id), `cid` (client
 * id), `en` (event name), `ep.<name>` (text parameters), `epn.<name>` (numeric parameters), `dl`
 * (page), `gcs` (consent: `G1` then ad_storage and analytics_storage as 1/0). A batch puts one hit
 * per line of the body, each line adding to the shared URL parameters.
 */
export interface GtagHit {
  measurementId: string | null;
  clientId: string | null;
  name: string | null;
  params: Record<string, string | number>;
  page: string | null;
  storage: { adStorage: boolean; analyticsStorage: boolean } | null;
}

export function parseGcs(gcs: string | null): GtagHit['storage'] {
  const m = /^G1([01])([01])$/.exec(gcs ?? '');
  return m ? { adStorage: m[1] === '1', analyticsStorage: m[2] === '1' } : null;
}

function hitOf(params: URLSearchParams): GtagHit {
  const out: Record<string, string | number> = {};
  for (const [key, value] of params) {
    if (key.startsWith('ep.')) out[key.slice(3)] = value;
    else if (key.startsWith('epn.')) out[key.slice(4)] = Number(value);
  }
  return {
    measurementId: params.get('tid'),
    clientId: params.get('cid'),
    name: params.get('en'),
    params: out,
    page: params.get('dl'),
    storage: parseGcs(params.get('gcs')),
  };
}

export function parseGtagHits(query: URLSearchParams, body: string): GtagHit[] {
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [hitOf(query)];
  return lines.map((line) => {
    const merged = new URLSearchParams(query);
    for (const [k, v] of new URLSearchParams(line)) merged.set(k, v);
    return hitOf(merged);
  });
}
