import { createHash } from 'node:crypto';

/** A uint32 seed from order and job: re-running a job reproduces its images; jobs differ from each other. */
export function seedFor(orderId: string, jobId: string): number {
  return createHash('sha256').update(`${orderId}/${jobId}`).digest().readUInt32BE(0);
}
