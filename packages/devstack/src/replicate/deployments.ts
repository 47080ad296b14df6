import { z } from 'zod';
import { notFound, ReplicateApiError } from './errors.js';
import type { ModelRegistry } from './models.js';

/**
 * Hardware SKUs Replicate lists at `GET /v1/hardware` (the ones a deployment may name); anything
 * else is refused as on Replicate.
 */
export const HARDWARE_SKUS = [
  'cpu',
  'gpu-t4',
  'gpu-l40s',
  'gpu-l40s-2x',
  'gpu-a100-large',
  'gpu-a100-large-2x',
  'gpu-h100',
  'gpu-2x-h100',
  'gpu-4x-h100',
  'gpu-8x-h100',
] as const;

const Instances = z.number().int().min(0).max(50);

export const CreateDeploymentBody = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'name must be lower-case letters, digits, dots, dashes or underscores'),
  model: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'model must be owner/name'),
  version: z.string().min(1),
  hardware: z.enum(HARDWARE_SKUS),
  min_instances: Instances,
  max_instances: Instances.min(1),
});
export type CreateDeploymentBody = z.infer<typeof CreateDeploymentBody>;

export const UpdateDeploymentBody = z
  .object({
    version: z.string().min(1).optional(),
    hardware: z.enum(HARDWARE_SKUS).optional(),
    min_instances: Instances.optional(),
    max_instances: Instances.min(1).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'at least one field must be given');
export type UpdateDeploymentBody = z.infer<typeof UpdateDeploymentBody>;

/** A deployment as Replicate's API returns it (the `replicate` client's `Deployment` type). */
export interface DeploymentObject {
  owner: string;
  name: string;
  current_release: {
    number: number;
    model: string;
    version: string;
    created_at: string;
    created_by: { type: 'organization'; username: string; name: string; github_url: null };
    configuration: { hardware: string; min_instances: number; max_instances: number };
  };
}

/** One change of a deployment's release, kept so tests and the dashboard can see the scaling history. */
export interface ReleaseRecord {
  number: number;
  min_instances: number;
  max_instances: number;
  at: string;
}

interface Stored {
  view: DeploymentObject;
  history: ReleaseRecord[];
}

/**
 * The account's deployments: a name bound to a model version and a scaling configuration. Every
 * update makes a new release (its number goes up by one), as on Replicate. Deployments belong to
 * the account (`owner`); another owner's name is not found.
 */
export class DeploymentRegistry {
  private readonly deployments = new Map<string, Stored>();

  constructor(
    private readonly owner: string,
    private readonly models: ModelRegistry,
  ) {}

  private checkVersion(model: string, version: string): void {
    if (!this.models.has(model)) throw notFound(`Model not found: ${model}`);
    if (!this.models.hasVersion(model, version)) throw notFound(`Version not found: ${model}:${version}`);
  }

  private static checkScale(min: number, max: number): void {
    if (min > max) {
      throw new ReplicateApiError(
        422,
        'Invalid scaling configuration',
        `min_instances (${min}) must not be greater than max_instances (${max})`,
        [{ type: 'invalid', field: 'min_instances', description: 'min_instances must be <= max_instances' }],
      );
    }
  }

  create(body: CreateDeploymentBody): DeploymentObject {
    const key = `${this.owner}/${body.name}`;
    if (this.deployments.has(key)) {
      throw new ReplicateApiError(409, 'Conflict', `A deployment named ${key} already exists.`);
    }
    this.checkVersion(body.model, body.version);
    DeploymentRegistry.checkScale(body.min_instances, body.max_instances);
    const stored: Stored = {
      view: {
        owner: this.owner,
        name: body.name,
        current_release: this.release(1, body.model, body.version, body),
      },
      history: [],
    };
    this.record(stored);
    this.deployments.set(key, stored);
    return structuredClone(stored.view);
  }

  get(owner: string, name: string): DeploymentObject {
    return structuredClone(this.stored(owner, name).view);
  }

  list(): DeploymentObject[] {
    return [...this.deployments.values()].map((d) => structuredClone(d.view));
  }

  history(owner: string, name: string): ReleaseRecord[] {
    return structuredClone(this.stored(owner, name).history);
  }

  update(owner: string, name: string, body: UpdateDeploymentBody): DeploymentObject {
    const d = this.stored(owner, name);
    const cur = d.view.current_release;
    const version = body.version ?? cur.version;
    if (body.version) this.checkVersion(cur.model, version);
    const conf = {
      hardware: body.hardware ?? cur.configuration.hardware,
      min_instances: body.min_instances ?? cur.configuration.min_instances,
      max_instances: body.max_instances ?? cur.configuration.max_instances,
    };
    DeploymentRegistry.checkScale(conf.min_instances, conf.max_instances);
    d.view.current_release = this.release(cur.number + 1, cur.model, version, conf);
    this.record(d);
    return structuredClone(d.view);
  }

  private stored(owner: string, name: string): Stored {
    const d = owner === this.owner ? this.deployments.get(`${owner}/${name}`) : undefined;
    if (!d) throw notFound(`Deployment not found: ${owner}/${name}`);
    return d;
  }

  private record(d: Stored): void {
    const r = d.view.current_release;
    d.history.push({
      number: r.number,
      min_instances: r.configuration.min_instances,
      max_instances: r.configuration.max_instances,
      at: r.created_at,
    });
  }

  private release(
    number: number,
    model: string,
    version: string,
    conf: { hardware: string; min_instances: number; max_instances: number },
  ): DeploymentObject['current_release'] {
    return {
      number,
      model,
      version,
      created_at: new Date().toISOString(),
      created_by: { type: 'organization', username: this.owner, name: this.owner, github_url: null },
      configuration: {
        hardware: conf.hardware,
        min_instances: conf.min_instances,
        max_instances: conf.max_instances,
      },
    };
  }
}
