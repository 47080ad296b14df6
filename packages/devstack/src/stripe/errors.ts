export type StripeErrorType = 'invalid_request_error' | 'idempotency_error' | 'api_error' | 'card_error';

/** An API error in Stripe's shape: `{error: {type, code?, message, param?}}` with an HTTP status. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly extra: { code?: string; param?: string; decline_code?: string } = {},
  ) {
    super(message);
    this.name = 'StripeApiError';
  }

  body(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    for (const [k, v] of Object.entries(this.extra)) if (v !== undefined) error[k] = v;
    if (this.extra.code)
      error.doc_url = `https://docs.stripe.com/error-codes/${this.extra.code.replace(/_/g, '-')}`;
    return { error };
  }
}

export const invalidParam = (param: string, message: string, code = 'parameter_invalid_empty') =>
  new StripeApiError(400, 'invalid_request_error', message, { param, code });

export const missingParam = (param: string) =>
  new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, {
    param,
    code: 'parameter_missing',
  });

export const unknownParam = (param: string) =>
  new StripeApiError(400, 'invalid_request_error', `Received unknown parameter: ${param}`, {
    param,
    code: 'parameter_unknown',
  });

/** 404 for the object a URL names; Stripe answers 400 for a missing object a parameter names. */
export const noSuch = (what: string, id: string, param = 'id', status = 404) =>
  new StripeApiError(status, 'invalid_request_error', `No such ${what}: '${id}'`, {
    param,
    code: 'resource_missing',
  });
