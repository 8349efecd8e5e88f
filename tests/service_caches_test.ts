/**
 * The services' caches (study facts, resolved API keys) belong to a service
 * context, not to the process: two apps in one process share none of them,
 * and a service that deletes a study or revokes a key invalidates its own
 * context's cache (no route has to remember to).
 */
import assert from "node:assert/strict";
// The app first: it loads @hono/zod-openapi before any schema the routes extend is made.
import { describeOnBackends, newStudy } from "./support/harness.ts";
import { Problem } from "../src/errors.ts";
import { createServiceContext } from "../src/services/context.ts";
import { sha256 } from "../src/services/ids.ts";
import { authenticate, createApiKey, revokeApiKey } from "../src/services/projects.ts";
import { deleteStudy } from "../src/services/studies.ts";
import { studyMeta } from "../src/services/study_meta.ts";
import { testBackends } from "./support/db.ts";

const status = (error: unknown) => error instanceof Problem && error.status;
const by = () => ({ actor: "bootstrap", requestId: "test", at: new Date() });

describeOnBackends("service caches", testBackends(), async (t, app) => {
  const db = app.database.db;
  const context = () =>
    createServiceContext({ db, now: () => new Date(), defaultLeaseSeconds: 3600 });

  await t.step("each context has caches of its own", () => {
    const [a, b] = [context(), context()];
    assert.ok(a.studyMetas && b.studyMetas && a.principals && b.principals);
    assert.notEqual(a.studyMetas, b.studyMetas);
    assert.notEqual(a.principals, b.principals);
  });

  await t.step("deleteStudy forgets the study in its own context's cache", async () => {
    const [a, b] = [context(), context()];
    const studyId = await newStudy(app);
    await studyMeta(a, db, app.projectId, studyId);
    await studyMeta(b, db, app.projectId, studyId);
    assert.ok(a.studyMetas!.get(studyId));
    await deleteStudy(a, db, app.projectId, studyId, by());
    assert.equal(a.studyMetas!.get(studyId), undefined);
    await assert.rejects(studyMeta(a, db, app.projectId, studyId), (e) => status(e) === 404);
    // B's cache is B's: nothing done through A reaches into it.
    assert.ok(b.studyMetas!.get(studyId));
  });

  await t.step("revoking a key clears the revoking context's key cache", async () => {
    const [a, b] = [context(), context()];
    const key = await createApiKey(db, app.projectId, "cached", by());
    assert.equal((await authenticate(a, key.key, undefined)).keyId, key.id);
    assert.equal((await authenticate(b, key.key, undefined)).keyId, key.id);
    const now = Date.now();
    assert.ok(a.principals!.get(sha256(key.key), now));
    await revokeApiKey(a, db, app.projectId, key.id, by());
    assert.equal(a.principals!.get(sha256(key.key), now), undefined);
    await assert.rejects(authenticate(a, key.key, undefined), (e) => status(e) === 401);
    assert.ok(b.principals!.get(sha256(key.key), now), "B's cache is B's own");
  });
});
