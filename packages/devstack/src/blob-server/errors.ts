import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../http/html.js';

/** Errors in Cloud Storage's XML API shape, which is what a signed URL answers with. */
export function sendStorageError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${escapeHtml(code)}</Code><Message>${escapeHtml(message)}</Message></Error>`;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'application/xml; charset=UTF-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
