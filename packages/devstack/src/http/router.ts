import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Decoded capture groups of the route's pattern. */
  params: string[];
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  methods: readonly string[];
  pattern: RegExp;
  handler: Handler;
}

export interface RouterHooks {
  /** No route matched the path (any method). */
  notFound(ctx: RequestContext): void;
  /** A route matched the path but not the method. */
  methodNotAllowed(ctx: RequestContext, allowed: readonly string[]): void;
  /** A handler threw; each stand-in answers in its own service's error shape. */
  error(ctx: RequestContext, err: unknown): void;
}

/**
 * Method + regular-expression routing, enough for the few endpoints each stand-in serves. Each
 * service keeps its own error shapes, so the hooks decide how "not found" and failures look.
 */
export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly hooks: RouterHooks) {}

  on(methods: string | readonly string[], pattern: RegExp, handler: Handler): this {
    this.routes.push({ methods: typeof methods === 'string' ? [methods] : methods, pattern, handler });
    return this;
  }

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://standin.local');
    const ctx: RequestContext = { req, res, url, params: [] };
    try {
      const allowed: string[] = [];
      for (const route of this.routes) {
        const m = route.pattern.exec(url.pathname);
        if (!m) continue;
        if (!route.methods.includes(req.method ?? 'GET')) {
          allowed.push(...route.methods);
          continue;
        }
        ctx.params = m.slice(1).map((p) => decodeURIComponent(p ?? ''));
        await route.handler(ctx);
        return;
      }
      if (allowed.length > 0) this.hooks.methodNotAllowed(ctx, allowed);
      else this.hooks.notFound(ctx);
    } catch (err) {
      if (res.headersSent) {
        res.destroy(err instanceof Error ? err : undefined);
        return;
      }
      this.hooks.error(ctx, err);
    }
  };
}
