import type Stripe from 'stripe';
import type {
  ChargeObject,
  CurrencyOptionObject,
  CustomerObject,
  DisputeObject,
  PaymentIntentObject,
  PriceObject,
  ProductObject,
  RefundObject,
} from './objects.js';

/*
 * Compile-time check that the stand-in's objects use the official SDK's field names and types:
 * every field we send exists on the SDK's type with a compatible type. `tsc -b` fails otherwise.
 * (Price's `unit_amount_decimal`, also in its currency options, is a string on the wire; the SDK
 * turns it into its Decimal class.)
 */
type Conforms<Ours, Theirs> = [Exclude<keyof Ours, keyof Theirs>] extends [never]
  ? Ours extends Pick<Theirs, keyof Ours & keyof Theirs>
    ? true
    : { notAssignableTo: Theirs }
  : { unknownFields: Exclude<keyof Ours, keyof Theirs> };

export const conformance: [
  Conforms<ProductObject, Stripe.Product>,
  Conforms<Omit<PriceObject, 'unit_amount_decimal' | 'currency_options'>, Stripe.Price>,
  Conforms<Omit<CurrencyOptionObject, 'unit_amount_decimal'>, Stripe.Price.CurrencyOptions>,
  Conforms<PaymentIntentObject, Stripe.PaymentIntent>,
  Conforms<ChargeObject, Stripe.Charge>,
  Conforms<RefundObject, Stripe.Refund>,
  Conforms<DisputeObject, Stripe.Dispute>,
  Conforms<CustomerObject, Stripe.Customer>,
] = [true, true, true, true, true, true, true, true];
