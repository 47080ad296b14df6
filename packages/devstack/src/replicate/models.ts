import { hexId } from '../http/ids.js';
import { notFound } from './errors.js';
import type { ModelObject, ModelVersion } from './objects.js';

/** Where a trained version's weights live in the file store: deleting the version deletes them. */
export interface VersionFiles {
  jobId: string;
  name: string;
}

interface StoredVersion extends ModelVersion {
  files?: VersionFiles;
}

interface StoredModel {
  owner: string;
  name: string;
  versions: StoredVersion[];
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
  addTrainedVersion(ref: string, files?: VersionFiles): string {
    const m = this.models.get(ref);
    if (!m) throw notFound(`Model ${ref} does not exist.`);
    const v: StoredVersion = { ...version(hexId(32)), ...(files ? { files } : {}) };
    m.versions.push(v);
    return v.id;
  }

  /**
   * Deletes a version, as `DELETE /v1/models/{owner}/{name}/versions/{id}` does on Replicate (only on
   * the account's own models; the fixed trainer version cannot go). Returns its weights' location so
   * the caller deletes those too.
   */
  deleteVersion(ref: string, versionId: string): { files?: VersionFiles } {
    const m = this.models.get(ref);
    const i = m?.versions.findIndex((x) => x.id === versionId) ?? -1;
    if (!m || i < 0) throw notFound(`Version not found: ${ref}:${versionId}`);
    const [removed] = m.versions.splice(i, 1);
    return removed?.files ? { files: removed.files } : {};
  }

  versions(ref: string): ModelVersion[] {
    const m = this.models.get(ref);
    if (!m) throw notFound(`Model not found: ${ref}`);
    return m.versions.map(({ files: _files, ...v }) => v).reverse();
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
      latest_version: m.versions.length > 0 ? this.versionView(ref, m.versions.at(-1)!.id) : null,
    };
  }

  versionView(ref: string, versionId: string): ModelVersion {
    const v = this.models.get(ref)?.versions.find((x) => x.id === versionId);
    if (!v) throw notFound(`Version not found: ${ref}:${versionId}`);
    const { files: _files, ...view } = v as StoredVersion;
    return view;
  }
}
