import { MAX_TRAINING_PHOTOS, MIN_ACCEPTED_PHOTOS, PLANS, formatPrice } from '@likeness/core';

/** Numbers the copy quotes, taken from the constants that enforce them so the pages cannot drift. */

const plans = Object.values(PLANS);

export const SELFIE_RANGE = `${MIN_ACCEPTED_PHOTOS}–${MAX_TRAINING_PHOTOS}`;
export const HEADSHOT_RANGE = `${Math.min(...plans.map((p) => p.headshots))}–${Math.max(...plans.map((p) => p.headshots))}`;
export const LOWEST_PRICE = formatPrice(Math.min(...plans.map((p) => p.priceCents)));
