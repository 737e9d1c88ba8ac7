import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from './auth.service';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestContext {
  method: HttpMethod;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  rawBody: string;
  headers: IncomingHttpHeaders;
  principal?: Principal;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDef {
  method: HttpMethod;
  /** Path template with `{param}` segments, written like the spec's paths. */
  template: string;
  /** Spec file + path whose response schemas describe this route (for conformance checks). */
  spec?: { file: string; path: string };
  /** `none` = no bearer token needed (OAuth token endpoint, admin endpoints). */
  auth: 'token' | 'none';
  /** Admin endpoints are exempt from faults, rate limits and accounting. */
  admin?: boolean;
  /** CRM search has its own rate limit. */
  search?: boolean;
  handler: (ctx: RequestContext) => RouteResult | Promise<RouteResult>;
}

interface CompiledRoute {
  def: RouteDef;
  segments: string[];
}

/** Minimal router: literal segments beat `{param}` segments, so `/batch/read` wins over `/{objectId}`. */
export class SandboxRouter {
  private readonly routes: CompiledRoute[] = [];

  add(def: RouteDef): void {
    this.routes.push({ def, segments: def.template.split('/').filter(Boolean) });
  }

  match(method: string, path: string): { def: RouteDef; params: Record<string, string> } | { allowed: false } | undefined {
    const parts = path.split('/').filter(Boolean);
    let best: { def: RouteDef; params: Record<string, string>; score: number } | undefined;
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const segment = route.segments[i];
        if (segment.startsWith('{')) params[segment.slice(1, -1)] = decodeURIComponent(parts[i]);
        else if (segment === parts[i]) score += 1 << (parts.length - i);
        else ok = false;
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.def.method !== method) continue;
      if (!best || score > best.score) best = { def: route.def, params, score };
    }
    if (best) return { def: best.def, params: best.params };
    return pathMatched ? { allowed: false } : undefined;
  }
}
