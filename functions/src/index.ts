/**
 * Every deployed function, by domain. Each folder's index.ts declares its triggers with their
 * options; the handlers behind them are plain functions. Global options are set first.
 */
import './shared/global-options.js';

export * from './uploads/index.js';
export * from './qc/index.js';
export * from './checkout/index.js';
export * from './downloads/index.js';
export * from './refunds/index.js';
export * from './training/index.js';
export * from './generation/index.js';
export * from './redo/index.js';
export * from './replicate/index.js';
export * from './email/index.js';
export * from './deadlines/index.js';
export * from './operator/index.js';
export * from './erasure/index.js';
export * from './winback/index.js';
export * from './analytics/index.js';
export * from './stats/index.js';
