export type JobStatus = 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'aborted';
export type JobKind = 'prediction' | 'training';
export const WEBHOOK_EVENTS = ['start', 'output', 'logs', 'completed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const TERMINAL: readonly JobStatus[] = ['succeeded', 'failed', 'canceled', 'aborted'];

/** A prediction or training as Replicate's API returns it (and as its webhooks carry it). */
export interface JobObject {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  logs: string;
  output: unknown;
  data_removed: boolean;
  error: string | null;
  status: JobStatus;
  source: 'api';
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  urls: { get: string; cancel: string };
  metrics: { predict_time?: number; total_time?: number };
  /** `owner/name` of the deployment that ran the prediction, when it was created through one. */
  deployment?: string;
  webhook?: string;
  webhook_events_filter?: WebhookEvent[];
}

export interface ModelVersion {
  id: string;
  created_at: string;
  cog_version: string;
  openapi_schema: Record<string, unknown>;
}

export interface ModelObject {
  url: string;
  owner: string;
  name: string;
  description: string | null;
  visibility: 'private' | 'public';
  github_url: null;
  paper_url: null;
  license_url: null;
  run_count: number;
  cover_image_url: null;
  default_example: null;
  latest_version: ModelVersion | null;
}
