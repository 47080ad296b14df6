/**
 * Stripe's documented test card numbers that the hosted page accepts or declines. Any other number
 * is refused the way test mode refuses a real card. A card with `dispute` pays, and then the
 * cardholder disputes the charge with that reason (docs.stripe.com/testing#disputes).
 */
export type CardOutcome =
  | {
      ok: true;
      brand: string;
      last4: string;
      dispute?: 'fraudulent' | 'product_not_received';
      /** The expiry typed on the page (set by chargeCard). */
      expMonth?: number;
      expYear?: number;
    }
  | { ok: false; code: string; decline_code?: string; message: string };

const TEST_CARDS: Record<string, CardOutcome> = {
  '4242424242424242': { ok: true, brand: 'visa', last4: '4242' },
  '4000056655665556': { ok: true, brand: 'visa', last4: '5556' },
  '5555555555554444': { ok: true, brand: 'mastercard', last4: '4444' },
  '378282246310005': { ok: true, brand: 'amex', last4: '0005' },
  '4000000000000259': { ok: true, brand: 'visa', last4: '0259', dispute: 'fraudulent' },
  '4000000000002685': { ok: true, brand: 'visa', last4: '2685', dispute: 'product_not_received' },
  '4000000000000002': {
    ok: false,
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
  },
  '4000000000009995': {
    ok: false,
    code: 'card_declined',
    decline_code: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  '4000000000000069': { ok: false, code: 'expired_card', message: 'Your card has expired.' },
  '4000000000000127': {
    ok: false,
    code: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  },
};

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function chargeCard(
  input: { number: string; expiry: string; cvc: string },
  now = new Date(),
): CardOutcome {
  const digits = input.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) {
    return { ok: false, code: 'incorrect_number', message: 'Your card number is invalid.' };
  }
  const exp = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input.expiry);
  if (!exp)
    return { ok: false, code: 'invalid_expiry_month', message: "Your card's expiration date is incomplete." };
  const month = Number(exp[1]);
  const year = exp[2]!.length === 2 ? 2000 + Number(exp[2]) : Number(exp[2]);
  if (month < 1 || month > 12)
    return { ok: false, code: 'invalid_expiry_month', message: "Your card's expiration month is invalid." };
  if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) {
    return { ok: false, code: 'invalid_expiry_year', message: "Your card's expiration year is in the past." };
  }
  if (!/^\d{3,4}$/.test(input.cvc.trim()))
    return { ok: false, code: 'incorrect_cvc', message: "Your card's security code is incomplete." };
  const known = TEST_CARDS[digits];
  if (!known) {
    return {
      ok: false,
      code: 'card_declined',
      decline_code: 'test_mode_live_card',
      message: 'Your card was declined. Your request was in test mode, but used a non test card.',
    };
  }
  return known.ok ? { ...known, expMonth: month, expYear: year } : known;
}
