/** Every deployed function. Customer-facing entry points and the generation pipeline live apart. */
export * from './customer/index.js';
export * from './pipeline/index.js';
