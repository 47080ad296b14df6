import { download } from './download.js';
import { readLoraFile, type LoadedLora } from './lora-file.js';

const MAX_WEIGHTS_BYTES = 256 * 1024 * 1024;

/**
 * LoRA files by URL, like a predictor's on-disk LoRA cache: a batch of predictions for one customer
 * downloads the weights once. Least recently used entries go first; failures are not cached.
 */
export class WeightsCache {
  private readonly entries = new Map<string, Promise<LoadedLora>>();

  constructor(private readonly max = 16) {}

  async get(url: string, signal: AbortSignal): Promise<{ lora: LoadedLora; cached: boolean }> {
    const hit = this.entries.get(url);
    if (hit) {
      this.entries.delete(url);
      this.entries.set(url, hit);
      return { lora: await hit, cached: true };
    }
    const loading = download(url, 'lora_weights', MAX_WEIGHTS_BYTES, signal).then(readLoraFile);
    this.entries.set(url, loading);
    loading.catch(() => this.entries.delete(url));
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return { lora: await loading, cached: false };
  }
}
