/**
 * Redo of one headshot from the gallery (core/redo.ts): the callable takes the allowance and queues a
 * one-image prediction; generation's tasks run and ingest it in the old image's place.
 */
import { callable } from '../shared/callable.js';
import { redoHeadshotFor } from './request-redo.js';

export const redoHeadshot = callable('redoHeadshot', {}, redoHeadshotFor);
