import { readTurnaround } from '@/lib/firebase/public-stats';

// Read per request (the CDN keeps it for five minutes): a static copy would be the build's figures.
// No stale-while-revalidate: browsers honour it too, and would show a page the figures it had
// before the last delivery.
export const dynamic = 'force-dynamic';

/** The measured turnaround for the pages that quote it; `{ stats: null }` when there is none. */
export async function GET() {
  const stats = await readTurnaround();
  return Response.json({ stats }, { headers: { 'Cache-Control': 'public, max-age=0, s-maxage=300' } });
}
