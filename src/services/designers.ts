/**
 * A study's designer, restored from what its row saved: in a worker of the
 * service's pool for CPU-heavy algorithms (gp-bo), else on the event loop.
 */
import type { RemoteDesigner } from "../algorithms/remote/mod.ts";
import type { Designer, JsonValue } from "../algorithms/types.ts";
import type { ServiceContext } from "./context.ts";
import { json } from "./rows.ts";
import type { StudyMeta } from "./study_meta.ts";

/** The study columns a designer is restored from, as a driver read them. */
export interface SavedDesigner {
  config: unknown;
  seed: unknown;
  algorithmState: unknown;
}

/** The saved designer in a worker (the service must have a pool). */
export function openRemote(
  ctx: ServiceContext,
  meta: StudyMeta,
  saved: SavedDesigner,
): RemoteDesigner {
  return ctx.designers!.open({
    algorithm: meta.algorithm.name,
    space: meta.space.spec,
    config: json<JsonValue>(saved.config),
    seed: Number(saved.seed),
    state: json<JsonValue>(saved.algorithmState ?? null) ?? undefined,
  });
}

/** Whether the study's designer runs in a worker. */
export function runsRemotely(ctx: ServiceContext, meta: StudyMeta): boolean {
  return Boolean(meta.algorithm.offload && ctx.designers);
}

/** The saved designer, in a worker when it runs remotely. */
export function openDesigner(
  ctx: ServiceContext,
  meta: StudyMeta,
  saved: SavedDesigner,
): Designer | RemoteDesigner {
  if (runsRemotely(ctx, meta)) return openRemote(ctx, meta, saved);
  return meta.algorithm.create({
    space: meta.space,
    config: json<JsonValue>(saved.config),
    seed: Number(saved.seed),
    state: json<JsonValue>(saved.algorithmState ?? null) ?? undefined,
  });
}
