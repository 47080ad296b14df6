import { stripeId } from '../http/ids.js';
import { invalidParam, missingParam, noSuch, StripeApiError } from './errors.js';
import type { CurrencyOptionObject, Metadata, PriceObject, ProductObject } from './objects.js';
import {
  Currency,
  type CreatePriceParams,
  type CreateProductParams,
  type CurrencyOptionsParam,
  type UpdatePriceParams,
  type UpdateProductParams,
} from './params.js';

/** ISO 4217 codes in use (well-formed but unassigned codes such as `xyz` are not currencies). */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((c) => c.toLowerCase()));

const nowSec = () => Math.floor(Date.now() / 1000);
const clone = <T>(v: T): T => structuredClone(v);

/** Applies a metadata update as Stripe does: '' unsets a key, `metadata=''` unsets all of them. */
export function mergeMetadata(current: Metadata, update: Metadata | '' | undefined): Metadata {
  if (update === undefined) return current;
  if (update === '') return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}

/**
 * Products and prices, with Stripe's lookup-key rules: a lookup key names at most one price (active
 * or not); taking it from another price needs `transfer_lookup_key=true`, which clears it there.
 */
export class Catalog {
  readonly products = new Map<string, ProductObject>();
  readonly prices = new Map<string, PriceObject>();
  /** Each price's other currencies (`currency_options`), kept apart because Stripe sends them only on request. */
  private readonly options = new Map<string, Map<string, CurrencyOptionObject>>();

  /** Checks `currency_options` keys as Stripe does and returns them by lower-case currency. */
  private currencyOptions(
    base: string,
    given: CurrencyOptionsParam,
    taxBehavior: PriceObject['tax_behavior'],
  ): Map<string, CurrencyOptionObject> {
    const out = new Map<string, CurrencyOptionObject>();
    for (const [key, option] of Object.entries(given)) {
      const currency = Currency.safeParse(key);
      if (!currency.success || !KNOWN_CURRENCIES.has(currency.data)) {
        throw invalidParam(`currency_options[${key}]`, `Invalid currency: ${key}.`);
      }
      if (currency.data === base) {
        throw invalidParam(
          `currency_options[${key}]`,
          `The price's own currency (${base}) is set by \`currency\` and \`unit_amount\`, not in currency_options.`,
        );
      }
      out.set(currency.data, {
        custom_unit_amount: null,
        tax_behavior: option.tax_behavior ?? taxBehavior,
        unit_amount: option.unit_amount,
        unit_amount_decimal: String(option.unit_amount),
      });
    }
    return out;
  }

  /** What one unit of the price costs in `currency`, or null when the price is not sold in it. */
  unitAmountIn(price: PriceObject, currency: string): number | null {
    if (currency === price.currency) return price.unit_amount;
    return this.options.get(price.id)?.get(currency)?.unit_amount ?? null;
  }

  /** The currencies a price can be charged in, its own first. */
  currenciesOf(price: PriceObject): string[] {
    return [price.currency, ...(this.options.get(price.id)?.keys() ?? [])];
  }

  createProduct(p: Omit<CreateProductParams, 'expand'>): ProductObject {
    const id = p.id ?? stripeId('prod_', 14);
    if (this.products.has(id)) {
      throw new StripeApiError(400, 'invalid_request_error', `Product already exists.`, {
        param: 'id',
        code: 'resource_already_exists',
      });
    }
    const created = nowSec();
    const product: ProductObject = {
      id,
      object: 'product',
      active: p.active ?? true,
      created,
      default_price: null,
      description: p.description ?? null,
      images: p.images ?? [],
      livemode: false,
      marketing_features: [],
      metadata: p.metadata ?? {},
      name: p.name,
      package_dimensions: null,
      shippable: p.shippable ?? null,
      statement_descriptor: p.statement_descriptor ?? null,
      tax_code: p.tax_code ?? null,
      tax_details: null,
      type: 'service',
      unit_label: p.unit_label ?? null,
      updated: created,
      url: p.url ?? null,
    };
    this.products.set(id, product);
    return clone(product);
  }

  product(id: string, param = 'id', status = 404): ProductObject {
    const p = this.products.get(id);
    if (!p) throw noSuch('product', id, param, status);
    return p;
  }

  updateProduct(id: string, p: UpdateProductParams): ProductObject {
    const product = this.product(id);
    if (p.name !== undefined) product.name = p.name;
    if (p.active !== undefined) product.active = p.active;
    if (p.description !== undefined) product.description = p.description || null;
    product.metadata = mergeMetadata(product.metadata, p.metadata);
    product.updated = nowSec();
    return clone(product);
  }

  createPrice(p: CreatePriceParams): PriceObject {
    if (p.recurring !== undefined) {
      throw invalidParam(
        'recurring',
        'The local Stripe stand-in implements one-time prices only (Checkout in `payment` mode).',
      );
    }
    if (p.billing_scheme === 'tiered') {
      throw invalidParam('billing_scheme', 'The local Stripe stand-in implements `per_unit` prices only.');
    }
    if (p.product !== undefined && p.product_data !== undefined) {
      throw invalidParam('product', 'You may only specify one of these parameters: product, product_data.');
    }
    if (p.product === undefined && p.product_data === undefined) throw missingParam('product');
    if (p.unit_amount !== undefined && p.unit_amount_decimal !== undefined) {
      throw invalidParam(
        'unit_amount',
        'You may only specify one of these parameters: unit_amount, unit_amount_decimal.',
      );
    }
    const unitAmount = p.unit_amount ?? p.unit_amount_decimal;
    if (unitAmount === undefined) throw missingParam('unit_amount');
    const productId =
      p.product !== undefined
        ? this.product(p.product, 'product', 400).id
        : this.createProduct({ ...p.product_data!, id: p.product_data!.id }).id;
    // Refused before anything changes (the lookup key is claimed next).
    this.currencyOptions(p.currency, p.currency_options ?? {}, p.tax_behavior ?? 'unspecified');
    if (p.lookup_key !== undefined) this.claimLookupKey(p.lookup_key, p.transfer_lookup_key ?? false, null);
    const price: PriceObject = {
      id: stripeId('price_', 24),
      object: 'price',
      active: p.active ?? true,
      billing_scheme: 'per_unit',
      created: nowSec(),
      currency: p.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: p.lookup_key ?? null,
      metadata: p.metadata ?? {},
      nickname: p.nickname ?? null,
      product: productId,
      recurring: null,
      tax_behavior: p.tax_behavior ?? 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: 'one_time',
      unit_amount: unitAmount,
      unit_amount_decimal: String(unitAmount),
    };
    const options = this.currencyOptions(p.currency, p.currency_options ?? {}, price.tax_behavior);
    this.prices.set(price.id, price);
    if (options.size > 0) this.options.set(price.id, options);
    return clone(price);
  }

  price(id: string, param = 'id', status = 404): PriceObject {
    const p = this.prices.get(id);
    if (!p) throw noSuch('price', id, param, status);
    return p;
  }

  updatePrice(id: string, p: UpdatePriceParams): PriceObject {
    const price = this.price(id);
    // Given currencies are set (added or changed); the others stay. `currency_options=''` clears them.
    const options =
      p.currency_options === undefined || p.currency_options === ''
        ? null
        : this.currencyOptions(price.currency, p.currency_options, price.tax_behavior);
    if (p.lookup_key !== undefined) {
      if (p.lookup_key === '') price.lookup_key = null;
      else if (p.lookup_key !== price.lookup_key) {
        this.claimLookupKey(p.lookup_key, p.transfer_lookup_key ?? false, price.id);
        price.lookup_key = p.lookup_key;
      }
    }
    if (p.active !== undefined) price.active = p.active;
    if (p.nickname !== undefined) price.nickname = p.nickname || null;
    if (p.tax_behavior !== undefined) price.tax_behavior = p.tax_behavior;
    price.metadata = mergeMetadata(price.metadata, p.metadata);
    if (p.currency_options === '') this.options.delete(price.id);
    else if (options) {
      this.options.set(price.id, new Map([...(this.options.get(price.id) ?? []), ...options]));
    }
    return clone(price);
  }

  /** Frees `key` for price `self` (null while creating), or refuses as Stripe does. */
  private claimLookupKey(key: string, transfer: boolean, self: string | null): void {
    const holder = [...this.prices.values()].find((x) => x.lookup_key === key && x.id !== self);
    if (!holder) return;
    if (!transfer) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `A price (\`${holder.id}\`) already uses that lookup key.`,
        { param: 'lookup_key' },
      );
    }
    holder.lookup_key = null;
  }

  /** A price as sent, with its product expanded when asked (`product`). */
  priceView(price: PriceObject, expand: readonly string[] = []): PriceObject {
    const view = clone(price);
    if (expand.includes('product') && typeof price.product === 'string') {
      view.product = clone(this.product(price.product));
    }
    if (expand.includes('currency_options')) {
      view.currency_options = {
        [price.currency]: {
          custom_unit_amount: null,
          tax_behavior: price.tax_behavior,
          unit_amount: price.unit_amount,
          unit_amount_decimal: price.unit_amount_decimal,
        },
        ...Object.fromEntries(clone([...(this.options.get(price.id) ?? [])])),
      };
    }
    return view;
  }

  /**
   * A price referenced by a Checkout line item: it must exist and be active (Stripe answers 400
   * for either, naming the line item's param).
   */
  priceForCheckout(id: string, param: string): PriceObject {
    const price = this.price(id, param, 400);
    if (!price.active) {
      throw invalidParam(param, 'The price specified is inactive. This field only accepts active prices.');
    }
    return price;
  }

  /** The price Checkout makes for `price_data` (inactive, as Stripe's inline prices are). */
  inlinePrice(pd: { currency: string; unit_amount: number; product: string }): PriceObject {
    return {
      id: stripeId('price_', 24),
      object: 'price',
      active: false,
      billing_scheme: 'per_unit',
      created: nowSec(),
      currency: pd.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: pd.product,
      recurring: null,
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: 'one_time',
      unit_amount: pd.unit_amount,
      unit_amount_decimal: String(pd.unit_amount),
    };
  }
}
