import { z } from 'zod';

/** Cloud Tasks queues (one onTaskDispatched function each) and their payloads. */
export const TASK_QUEUES = {
  startTraining: 'startTraining',
  runPrediction: 'runPrediction',
  ingestPrediction: 'ingestPrediction',
  sendEmail: 'sendEmail',
} as const;

export const StartTrainingTask = z.object({ orderId: z.string().min(1) });
export type StartTrainingTask = z.infer<typeof StartTrainingTask>;

export const RunPredictionTask = z.object({ orderId: z.string().min(1), jobId: z.string().min(1) });
export type RunPredictionTask = z.infer<typeof RunPredictionTask>;

export const IngestPredictionTask = z.object({
  orderId: z.string().min(1),
  jobId: z.string().min(1),
  predictionId: z.string().min(1),
});
export type IngestPredictionTask = z.infer<typeof IngestPredictionTask>;

export const EmailTemplate = z.enum(['order-delivered', 'order-failed']);
export type EmailTemplate = z.infer<typeof EmailTemplate>;

export const SendEmailTask = z.object({
  template: EmailTemplate,
  orderId: z.string().min(1),
  /** Same key, same email: a task that runs twice sends once. */
  dedupeKey: z.string().min(1),
});
export type SendEmailTask = z.infer<typeof SendEmailTask>;
