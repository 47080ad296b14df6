import { FUNCTIONS_REGION, RETENTION, STAGE_DEADLINES_MS, URL_LIFETIMES_SEC } from '@likeness/core';

/**
 * What the pages say about keeping and deleting data, worded from the constants the purge and the
 * functions enforce (core/privacy.ts, core/runtime.ts), so a promise on the site cannot say more than
 * the code does. privacy-copy.test.ts also keeps hand-typed periods out of the other copy.
 */

export const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
const hours = (ms: number) => {
  const h = Math.round(ms / 3_600_000);
  return `${h} hour${h === 1 ? '' : 's'}`;
};

/** The longest a selfie or a personal model outlives its delivered order. */
export const TRAINING_DATA_KEPT = days(RETENTION.trainingDataDays);

/** One sentence: selfies and the model (core RETENTION_SCHEDULE rows one and two). */
export const SELFIE_DELETION_PROMISE = `Your selfies and the model trained on them are deleted within ${TRAINING_DATA_KEPT} of delivery, or as soon as you delete the order.`;

/** For tight spaces: the footer, the page description. */
export const SELFIE_DELETION_SHORT = `Selfies and your personal model are deleted within ${TRAINING_DATA_KEPT} of delivery.`;

/** How long the headshots stay (core RETENTION_SCHEDULE row three). */
export const HEADSHOTS_KEPT_PROMISE = `Your headshots stay downloadable for ${days(RETENTION.headshotsDays)}, with a reminder before they go.`;

/** Unpaid orders (core RETENTION_SCHEDULE row one). */
export const UNPAID_DELETION_PROMISE = `An order you never pay for is deleted, with its selfies, ${days(RETENTION.unpaidOrderDays)} after its last change.`;

/** Signed download links (core URL_LIFETIMES_SEC): true as long as they last under an hour. */
export const LINK_LIFETIME = `${Math.round(URL_LIFETIMES_SEC.download / 60)} minutes`;

/**
 * What the deadlines sweep guarantees instead of a delivery time: a paid order that does not start
 * training, or trains too long, fails with the reason rather than hanging.
 */
export const NO_HANGING_ORDERS = `No order is left hanging: one that has not started training ${hours(STAGE_DEADLINES_MS.paid)} after payment, or is still training after ${hours(STAGE_DEADLINES_MS.training)}, stops with the reason, we email you, and you can ask for a refund.`;

/** Where our servers run, from the region every function is deployed to. */
export function serverLocation(region: string = FUNCTIONS_REGION): string {
  const country = region.startsWith('us-') ? 'the United States' : null;
  return country ? `Google Cloud’s ${region} region, in ${country}` : `Google Cloud’s ${region} region`;
}
