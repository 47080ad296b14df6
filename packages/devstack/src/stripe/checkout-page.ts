import { html, page, type SafeHtml } from '../http/html.js';
import { formatAmount } from './amounts.js';
import type { CheckoutSessionObject, LineItemObject } from './objects.js';

const CSS = `
main.checkout{display:grid;grid-template-columns:1fr 1fr;gap:24px;max-width:880px}
@media(max-width:720px){main.checkout{grid-template-columns:1fr}}
.summary{align-self:start}
.summary h2,.pay h2{margin:0 0 12px;font-size:18px}
.total{font-size:32px;font-weight:700;margin:4px 0 16px}
.line{display:flex;justify-content:space-between;padding:6px 0;border-bottom:1px solid #eef0f4}
.line.discount{color:#2b8a3e}
label{display:block;font-size:13px;font-weight:600;margin:12px 0 4px;color:#344054}
input{width:100%;padding:10px 12px;border:1px solid #d0d5dd;border-radius:8px;font:inherit}
.row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
button{margin-top:18px;width:100%;padding:12px;border:0;border-radius:8px;background:#3b5bdb;color:#fff;font:600 16px system-ui;cursor:pointer}
button.secondary{background:#eef0f4;color:#1d2330;margin-top:8px;padding:8px;font-size:14px}
.error{background:#fff1f0;border:1px solid #ffa39e;color:#a8071a;border-radius:8px;padding:10px 12px;margin-top:12px}
.cancel{display:inline-block;margin-top:16px}
.hint{font-size:12px;color:#667085;margin-top:6px}
.state{max-width:520px;text-align:center}
`;

export interface PageState {
  email?: string;
  name?: string;
  card?: string;
  expiry?: string;
  cvc?: string;
  promoCode?: string;
  error?: string;
}

function summary(s: CheckoutSessionObject, items: LineItemObject[]): SafeHtml {
  const lines = items.map(
    (i) =>
      html`<div class="line">
        <span>${i.description}${i.quantity > 1 ? ` × ${i.quantity}` : ''}</span
        ><span>${formatAmount(i.amount_subtotal, i.currency)}</span>
      </div>`,
  );
  const discount =
    s.total_details.amount_discount > 0
      ? html`<div class="line discount" data-testid="checkout-discount">
          <span>Discount</span><span>−${formatAmount(s.total_details.amount_discount, s.currency)}</span>
        </div>`
      : html``;
  return html`<section class="card summary">
    <h2>Order summary</h2>
    <div class="muted">Pay Likeness</div>
    <div class="total" data-testid="checkout-total">${formatAmount(s.amount_total, s.currency)}</div>
    ${lines}${discount}
    <div class="line">
      <strong>Total due</strong><strong>${formatAmount(s.amount_total, s.currency)}</strong>
    </div>
  </section>`;
}

/** The hosted payment page for an open session. */
export function checkoutPage(s: CheckoutSessionObject, items: LineItemObject[], st: PageState = {}): string {
  const emailLocked = s.customer_email !== null;
  const promo = s.allow_promotion_codes
    ? html`<label for="promotion_code">Promotion code</label>
        <input
          id="promotion_code"
          name="promotion_code"
          value="${st.promoCode ?? ''}"
          data-testid="promotion-code"
          autocomplete="off"
        />
        <button
          class="secondary"
          type="submit"
          name="action"
          value="apply-code"
          data-testid="apply-promotion-code"
          formnovalidate
        >
          Apply code
        </button>`
    : html``;
  const body = html`<main class="checkout">
    ${summary(s, items)}
    <section class="card pay">
      <h2>Pay with card</h2>
      <form method="post" action="/pay/${s.id}">
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          required
          value="${s.customer_email ?? st.email ?? ''}"
          ${emailLocked ? html`readonly` : html``}
        />
        <label for="card">Card number</label>
        <input
          id="card"
          name="card"
          inputmode="numeric"
          autocomplete="cc-number"
          required
          value="${st.card ?? '4242 4242 4242 4242'}"
          data-testid="card-number"
        />
        <div class="row">
          <div>
            <label for="expiry">Expiry</label
            ><input id="expiry" name="expiry" required value="${st.expiry ?? '12 / 34'}" />
          </div>
          <div>
            <label for="cvc">CVC</label><input id="cvc" name="cvc" required value="${st.cvc ?? '123'}" />
          </div>
        </div>
        <label for="name">Name on card</label>
        <input id="name" name="name" value="${st.name ?? ''}" autocomplete="cc-name" />
        ${promo}
        ${st.error ? html`<div class="error" role="alert" data-testid="card-error">${st.error}</div>` : html``}
        <button type="submit" name="action" value="pay" data-testid="pay-now">
          Pay ${formatAmount(s.amount_total, s.currency)}
        </button>
        <div class="hint">
          Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined, 4000 0000 0000 0259 pays and
          is then disputed.
        </div>
      </form>
      ${s.cancel_url ? html`<a class="cancel" href="${s.cancel_url}" data-testid="cancel-checkout">← Cancel and return</a>` : html``}
    </section>
  </main>`;
  return page({
    title: `Pay ${formatAmount(s.amount_total, s.currency)}`,
    service: 'Stripe Checkout',
    body,
    css: CSS,
  });
}

/** Pages for a session that can no longer be paid, and for an unknown id. */
export function statePage(
  title: string,
  message: string,
  link?: { href: string; label: string; testId: string },
): string {
  const body = html`<main class="state">
    <div class="card">
      <h2>${title}</h2>
      <p class="muted">${message}</p>
      ${link ? html`<p><a href="${link.href}" data-testid="${link.testId}">${link.label}</a></p>` : html``}
    </div>
  </main>`;
  return page({ title, service: 'Stripe Checkout', body, css: CSS });
}
