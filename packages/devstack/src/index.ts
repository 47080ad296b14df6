export {
  generateLocalSecrets,
  LocalSecrets,
  startStandins,
  StandinsOptions,
  type Standins,
} from './standins.js';
export { startBlobServer, type BlobServerOptions } from './blob-server/server.js';
export type { RunningService } from './http/listen.js';
export { startStripeStandin, type StripeStandin, type StripeStandinOptions } from './stripe/server.js';
export {
  startReplicateStandin,
  type ReplicateStandin,
  type ReplicateStandinOptions,
} from './replicate/server.js';
export { startMailStandin, type MailStandin, type MailStandinOptions } from './mail/server.js';
export type { OutboxMessage } from './mail/outbox.js';
export { signWebhook as signReplicateWebhook } from './replicate/signing.js';
export { WebhookReceiver, type ReceivedWebhook } from './http/webhook-receiver.js';
