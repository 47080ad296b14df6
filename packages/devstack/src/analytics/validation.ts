/**
 * GA4's Measurement Protocol rules, as its validation server (`/debug/mp/collect`) reports them:
 * `{ fieldPath, description, validationCode }` per problem. The collection endpoint applies the same
 * rules silently (GA answers 2xx and drops what breaks them), so both routes share this module.
 */
export type ValidationCode =
  | 'VALUE_INVALID'
  | 'VALUE_REQUIRED'
  | 'NAME_INVALID'
  | 'NAME_RESERVED'
  | 'VALUE_OUT_OF_BOUNDS'
  | 'EXCEEDED_MAX_ENTITIES'
  | 'NAME_DUPLICATED';

export interface ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode: ValidationCode;
}

export const LIMITS = {
  payloadBytes: 130_000,
  eventsPerRequest: 25,
  paramsPerEvent: 25,
  userProperties: 25,
  nameLength: 40,
  paramValueLength: 100,
  userPropertyNameLength: 24,
  userPropertyValueLength: 36,
  userIdLength: 256,
} as const;

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED_PREFIXES = ['_', 'firebase_', 'ga_', 'google_', 'gtag.'];
/** Events that GA collects itself and will not take from the Measurement Protocol. */
export const RESERVED_EVENT_NAMES = new Set([
  'ad_activeview',
  'ad_click',
  'ad_exposure',
  'ad_impression',
  'ad_query',
  'ad_reward',
  'adunit_exposure',
  'app_background',
  'app_clear_data',
  'app_exception',
  'app_remove',
  'app_store_refund',
  'app_store_subscription_cancel',
  'app_store_subscription_convert',
  'app_store_subscription_renew',
  'app_update',
  'app_upgrade',
  'dynamic_link_app_open',
  'dynamic_link_app_update',
  'dynamic_link_first_open',
  'error',
  'first_open',
  'first_visit',
  'in_app_purchase',
  'notification_dismiss',
  'notification_foreground',
  'notification_open',
  'notification_receive',
  'os_update',
  'session_start',
  'session_start_with_rollout',
  'user_engagement',
]);
const RESERVED_USER_PROPERTIES = new Set([
  'first_open_after_install',
  'first_open_time',
  'first_visit_time',
  'last_deep_link_referrer',
  'user_id',
]);
const CONSENT_VALUES = new Set(['GRANTED', 'DENIED']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkName(
  kind: 'event' | 'param' | 'user property',
  name: string,
  path: string,
  maxLength: number,
  out: ValidationMessage[],
): boolean {
  if (!NAME.test(name)) {
    out.push({
      fieldPath: path,
      description: `${kind} name [${name}] is invalid. Names must start with an alphabetic character and contain only alphanumeric characters and underscores.`,
      validationCode: 'NAME_INVALID',
    });
    return false;
  }
  if (name.length > maxLength) {
    out.push({
      fieldPath: path,
      description: `${kind} name [${name}] is longer than ${maxLength} characters.`,
      validationCode: 'VALUE_OUT_OF_BOUNDS',
    });
    return false;
  }
  const reservedPrefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  const reserved =
    reservedPrefix ??
    (kind === 'event' && RESERVED_EVENT_NAMES.has(name) ? name : undefined) ??
    (kind === 'user property' && RESERVED_USER_PROPERTIES.has(name) ? name : undefined);
  if (reserved) {
    out.push({
      fieldPath: path,
      description: `${kind} name [${name}] is reserved.`,
      validationCode: 'NAME_RESERVED',
    });
    return false;
  }
  return true;
}

function checkParamValue(value: unknown, path: string, out: ValidationMessage[]): void {
  if (typeof value === 'string') {
    if (value.length > LIMITS.paramValueLength)
      out.push({
        fieldPath: path,
        description: `Value is longer than ${LIMITS.paramValueLength} characters.`,
        validationCode: 'VALUE_OUT_OF_BOUNDS',
      });
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      out.push({
        fieldPath: path,
        description: 'Value is not a finite number.',
        validationCode: 'VALUE_INVALID',
      });
    return;
  }
  if (typeof value === 'boolean') return;
  // `items` is the one array GA takes: a list of objects of scalar values.
  if (Array.isArray(value) && path.endsWith('.items')) {
    value.forEach((item, i) => {
      if (!isObject(item))
        out.push({
          fieldPath: `${path}[${i}]`,
          description: 'Item is not an object.',
          validationCode: 'VALUE_INVALID',
        });
    });
    return;
  }
  out.push({
    fieldPath: path,
    description: 'Parameter values must be strings, numbers or booleans.',
    validationCode: 'VALUE_INVALID',
  });
}

/** Every problem GA's validation server would report for this Measurement Protocol body. */
export function validateMpPayload(body: unknown, rawBytes: number): ValidationMessage[] {
  const out: ValidationMessage[] = [];
  if (rawBytes > LIMITS.payloadBytes) {
    out.push({
      fieldPath: '',
      description: `The payload is larger than ${LIMITS.payloadBytes} bytes.`,
      validationCode: 'VALUE_OUT_OF_BOUNDS',
    });
    return out;
  }
  if (!isObject(body)) {
    out.push({
      fieldPath: '',
      description: 'The payload is not a JSON object.',
      validationCode: 'VALUE_INVALID',
    });
    return out;
  }
  if (typeof body.client_id !== 'string' || body.client_id.length === 0) {
    out.push({
      fieldPath: 'client_id',
      description: 'Measurement requires a client_id.',
      validationCode: 'VALUE_REQUIRED',
    });
  }
  if (
    body.user_id !== undefined &&
    (typeof body.user_id !== 'string' || body.user_id.length > LIMITS.userIdLength)
  ) {
    out.push({
      fieldPath: 'user_id',
      description: `user_id must be a string of at most ${LIMITS.userIdLength} characters.`,
      validationCode: 'VALUE_INVALID',
    });
  }
  if (body.timestamp_micros !== undefined) {
    const micros = Number(body.timestamp_micros);
    const ageMs = Date.now() - micros / 1000;
    if (!Number.isFinite(micros) || ageMs > 72 * 3600 * 1000 || ageMs < -15 * 60 * 1000)
      out.push({
        fieldPath: 'timestamp_micros',
        description: 'timestamp_micros must be within the last 72 hours.',
        validationCode: 'VALUE_OUT_OF_BOUNDS',
      });
  }
  if (body.consent !== undefined) {
    if (!isObject(body.consent)) {
      out.push({
        fieldPath: 'consent',
        description: 'consent must be an object.',
        validationCode: 'VALUE_INVALID',
      });
    } else {
      for (const [key, value] of Object.entries(body.consent)) {
        if (!['ad_user_data', 'ad_personalization'].includes(key) || !CONSENT_VALUES.has(String(value)))
          out.push({
            fieldPath: `consent.${key}`,
            description: 'consent takes ad_user_data and ad_personalization, each GRANTED or DENIED.',
            validationCode: 'VALUE_INVALID',
          });
      }
    }
  }
  if (body.user_properties !== undefined) {
    if (!isObject(body.user_properties)) {
      out.push({
        fieldPath: 'user_properties',
        description: 'Must be an object.',
        validationCode: 'VALUE_INVALID',
      });
    } else {
      const entries = Object.entries(body.user_properties);
      if (entries.length > LIMITS.userProperties)
        out.push({
          fieldPath: 'user_properties',
          description: `At most ${LIMITS.userProperties} user properties.`,
          validationCode: 'EXCEEDED_MAX_ENTITIES',
        });
      for (const [name, prop] of entries) {
        const path = `user_properties.${name}`;
        if (!checkName('user property', name, path, LIMITS.userPropertyNameLength, out)) continue;
        const value = isObject(prop) ? prop.value : undefined;
        if (typeof value === 'string' && value.length > LIMITS.userPropertyValueLength)
          out.push({
            fieldPath: `${path}.value`,
            description: `Value is longer than ${LIMITS.userPropertyValueLength} characters.`,
            validationCode: 'VALUE_OUT_OF_BOUNDS',
          });
      }
    }
  }
  if (!Array.isArray(body.events) || body.events.length === 0) {
    out.push({
      fieldPath: 'events',
      description: 'At least one event is required.',
      validationCode: 'VALUE_REQUIRED',
    });
    return out;
  }
  if (body.events.length > LIMITS.eventsPerRequest) {
    out.push({
      fieldPath: 'events',
      description: `A request can have at most ${LIMITS.eventsPerRequest} events.`,
      validationCode: 'EXCEEDED_MAX_ENTITIES',
    });
  }
  body.events.forEach((event: unknown, i: number) => {
    const path = `events[${i}]`;
    if (!isObject(event)) {
      out.push({ fieldPath: path, description: 'Event is not an object.', validationCode: 'VALUE_INVALID' });
      return;
    }
    if (typeof event.name !== 'string') {
      out.push({
        fieldPath: `${path}.name`,
        description: 'Event name is required.',
        validationCode: 'VALUE_REQUIRED',
      });
    } else {
      checkName('event', event.name, `${path}.name`, LIMITS.nameLength, out);
    }
    if (event.params === undefined) return;
    if (!isObject(event.params)) {
      out.push({
        fieldPath: `${path}.params`,
        description: 'params must be an object.',
        validationCode: 'VALUE_INVALID',
      });
      return;
    }
    const params = Object.entries(event.params);
    if (params.length > LIMITS.paramsPerEvent)
      out.push({
        fieldPath: `${path}.params`,
        description: `An event can have at most ${LIMITS.paramsPerEvent} parameters.`,
        validationCode: 'EXCEEDED_MAX_ENTITIES',
      });
    for (const [name, value] of params) {
      const paramPath = `${path}.params.${name}`;
      if (checkName('param', name, paramPath, LIMITS.nameLength, out)) checkParamValue(value, paramPath, out);
    }
  });
  return out;
}
