/**
 * Ids of generation work and the one gallery order. A job is one prediction (a batch of one style);
 * its id is `<styleId>-<batch>` and each output's image id is `<jobId>-<index>`, so the same work always
 * lands on the same document.
 */
export const jobIdOf = (styleId: string, batch: number) => `${styleId}-${batch}`;
export const imageIdOf = (jobId: string, outputIndex: number) => `${jobId}-${outputIndex}`;

/** The batch number a job id ends in; ids of another shape sort last. */
function batchOf(jobId: string): number {
  const match = /-(\d+)$/.exec(jobId);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

export interface GalleryImage {
  id: string;
  styleId: string;
  jobId: string;
  index: number;
}

/**
 * Gallery order, used by the gallery and the zip alike: by the order's styles, then by batch (as a
 * number, so `-2` comes before `-10`), then by output. Stable across reloads, unlike arrival order.
 */
export function compareImages(styleIds: readonly string[]): (a: GalleryImage, b: GalleryImage) => number {
  const rank = (id: string) => {
    const i = styleIds.indexOf(id);
    return i === -1 ? styleIds.length : i;
  };
  return (a, b) =>
    rank(a.styleId) - rank(b.styleId) ||
    a.styleId.localeCompare(b.styleId) ||
    batchOf(a.jobId) - batchOf(b.jobId) ||
    a.jobId.localeCompare(b.jobId) ||
    a.index - b.index ||
    a.id.localeCompare(b.id);
}
