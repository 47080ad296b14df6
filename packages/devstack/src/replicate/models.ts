import { hexId } from '../http/ids.js';
import { notFound } from './errors.js';
import type { ModelObject, ModelVersion } from './objects.js';

interface StoredModel {
  owner: string;
  name: string;
  versions: ModelVersion[];
}

const version = (id: string): ModelVersion => ({
  id,
  created_at: new Date().toISOString(),
  cog_version: '0.14.0',
  openapi_schema: {},
});

/**
 * The account's models: those configured as existing (the trainer, the destination that receives
 * trainings) and the versions trainings add. A training's destination must already exist, as on
 * Replicate.
 */
export class ModelRegistry {
  private readonly models = new Map<string, StoredModel>();

  constructor(existing: readonly string[]) {
    for (const ref of existing) this.ensure(ref);
  }

  private ensure(ref: string): StoredModel {
    const [owner, name] = ref.split('/');
    if (!owner || !name) throw new Error(`Not an owner/name model reference: ${ref}`);
    const key = `${owner}/${name}`;
    let m = this.models.get(key);
    if (!m) {
      m = { owner, name, versions: [] };
      this.models.set(key, m);
    }
    return m;
  }

  /** Registers a fixed version (the trainer's) at start-up. */
  addFixedVersion(ref: string, versionId: string): void {
    const m = this.ensure(ref);
    if (!m.versions.some((v) => v.id === versionId)) m.versions.push(version(versionId));
  }

  has(ref: string): boolean {
    return this.models.has(ref);
  }

  hasVersion(ref: string, versionId: string): boolean {
    return this.models.get(ref)?.versions.some((v) => v.id === versionId) ?? false;
  }

  /** A training adds a new version to its destination; returns its id. */
  addTrainedVersion(ref: string): string {
    const m = this.models.get(ref);
    if (!m) throw notFound(`Model ${ref} does not exist.`);
    const v = version(hexId(32));
    m.versions.push(v);
    return v.id;
  }

  view(ref: string): ModelObject {
    const m = this.models.get(ref);
    if (!m) throw notFound(`Model not found: ${ref}`);
    return {
      url: `https://replicate.com/${m.owner}/${m.name}`,
      owner: m.owner,
      name: m.name,
      description: null,
      visibility: 'private',
      github_url: null,
      paper_url: null,
      license_url: null,
      run_count: 0,
      cover_image_url: null,
      default_example: null,
      latest_version: m.versions.at(-1) ?? null,
    };
  }

  versionView(ref: string, versionId: string): ModelVersion {
    const v = this.models.get(ref)?.versions.find((x) => x.id === versionId);
    if (!v) throw notFound(`Version not found: ${ref}:${versionId}`);
    return v;
  }
}
