export interface InvalidField {
  type: string;
  field: string;
  description: string;
}

/** Replicate's error body: `{title, detail, status}` (plus `invalid_fields` for 422s). */
export class ReplicateApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly invalidFields?: InvalidField[],
  ) {
    super(detail);
    this.name = 'ReplicateApiError';
  }

  body(): Record<string, unknown> {
    return {
      title: this.title,
      detail: this.detail,
      status: this.status,
      ...(this.invalidFields ? { invalid_fields: this.invalidFields } : {}),
    };
  }
}

export const notFound = (detail = 'Not found.') => new ReplicateApiError(404, 'Not found', detail);

/** 429 with the seconds after which a retry can succeed (sent as Retry-After). */
export class RateLimitedError extends ReplicateApiError {
  constructor(readonly retryAfterSec: number) {
    super(
      429,
      'Too Many Requests',
      `Request was throttled. Expected available in ${retryAfterSec} second${retryAfterSec === 1 ? '' : 's'}.`,
    );
  }
}
