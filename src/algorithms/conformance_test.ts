/**
 * The contract every registered algorithm must keep, run for each entry of
 * the registry: valid points, any batch size, feedback of the declared kinds,
 * determinism under a seed, and exact resumption from a saved state.
 */
import assert from "node:assert/strict";
import { type Params, Space } from "../space/mod.ts";
import { SpaceSchema } from "../space/schema.ts";
import { algorithms } from "./mod.ts";
import { MIXED_SPACE } from "./test_spaces.ts";
import {
  type AlgorithmDefinition,
  type Designer,
  type Feedback,
  FEEDBACK_KINDS,
  type JsonValue,
  type Suggestion,
  type TrialRef,
} from "./types.ts";

/** The smallest space: one parameter. */
const ONE_PARAMETER = new Space(SpaceSchema.parse({
  parameters: [{ name: "x", type: "float", min: 0, max: 1 }],
}));

/** MIXED_SPACE without its categoricals, for algorithms that refuse them. */
const NUMERIC_SPACE = new Space(SpaceSchema.parse({
  parameters: MIXED_SPACE.spec.parameters.filter((p) => p.type !== "categorical"),
}));

/**
 * MIXED_SPACE, or NUMERIC_SPACE for an algorithm whose `checkSpace` refuses
 * categoricals (it must then accept NUMERIC_SPACE and ONE_PARAMETER).
 */
function spaceFor(definition: AlgorithmDefinition<unknown>): Space {
  if ((definition.checkSpace?.(MIXED_SPACE) ?? null) === null) return MIXED_SPACE;
  assert.equal(definition.checkSpace!(NUMERIC_SPACE), null);
  assert.equal(definition.checkSpace!(ONE_PARAMETER), null);
  return NUMERIC_SPACE;
}

/** Asserts params are a point of the space, checking each rule directly too. */
function assertValidParams(space: Space, params: Params): void {
  assert.deepEqual(space.check(params), [], JSON.stringify(params));
  for (const p of space.parameters) {
    const v = params[p.name];
    if (p.type === "categorical") {
      assert.ok(p.values.some((allowed) => allowed === v), `${p.name}: ${JSON.stringify(v)}`);
      continue;
    }
    assert.equal(typeof v, "number", p.name);
    const x = v as number;
    assert.ok(Number.isFinite(x) && x >= p.min && x <= p.max, `${p.name}: ${x}`);
    if (p.type === "int") assert.ok(Number.isInteger(x), `${p.name}: ${x}`);
    if (p.step !== undefined) {
      const k = Math.round((x - p.min) / p.step);
      assert.ok(Math.abs(x - (p.min + k * p.step)) <= 1e-9 * p.step, `${p.name}: ${x} off grid`);
    }
  }
}

/** Asserts a batch of suggestions is well formed and decodes to valid params. */
function assertValidSuggestions(space: Space, suggestions: Suggestion[], count: number): void {
  assert.ok(Array.isArray(suggestions));
  assert.ok(suggestions.length <= count, `asked for ${count}, got ${suggestions.length}`);
  for (const s of suggestions) {
    assert.equal(s.point.length, space.dimension);
    for (const u of s.point) {
      assert.ok(typeof u === "number" && Number.isFinite(u) && u >= 0 && u <= 1, `coordinate ${u}`);
    }
    if (s.tag !== undefined) assert.deepEqual(JSON.parse(JSON.stringify(s.tag)), s.tag);
    assertValidParams(space, space.decode(s.point));
  }
}

/** The loss the harness reports: a bowl centred at 0.3 in every coordinate. */
function lossAt(point: number[]): number {
  return point.reduce((sum, u) => sum + (u - 0.3) ** 2, 0);
}

/** Feedback for reported trials, of the kinds the algorithm accepts. */
function feedbackFor(definition: AlgorithmDefinition<unknown>, trials: TrialRef[]): Feedback[] {
  const kinds = definition.feedbackKinds;
  const pointwise = (["value", "infeasible", "failed"] as const).filter((k) => kinds.includes(k));
  const feedback: Feedback[] = [];
  if (pointwise.length > 0) {
    for (const t of trials) {
      // Mostly values, now and then an infeasible or failed trial.
      const wanted = (["value", "value", "value", "infeasible", "failed"] as const)[t.number % 5];
      const kind = pointwise.includes(wanted) ? wanted : pointwise[0];
      const loss = lossAt(t.point);
      if (kind === "value") feedback.push({ kind, ...t, loss, values: { loss } });
      else if (kind === "infeasible") feedback.push({ kind, ...t, reason: "outside a constraint" });
      else feedback.push({ kind, ...t, cause: t.number % 2 === 0 ? "FAILED" : "STALE" });
    }
  }
  if (kinds.includes("ranking") && trials.length >= 2) {
    const sorted = [...trials].sort((a, b) => lossAt(a.point) - lossAt(b.point));
    feedback.push({
      kind: "ranking",
      comparisonId: `comparison-${trials[0].number}`,
      ranked: sorted.slice(0, 2),
      unranked: sorted.slice(2),
    });
  }
  // target_gradient needs a model's targets; algorithms that use it test it themselves.
  return feedback;
}

/** One study driven the way the service drives it. */
class Session {
  designer: Designer;
  /** Every batch of suggestions, as JSON, in order. */
  readonly log: string[] = [];
  /** Trials handed out and not yet reported. */
  pending: TrialRef[] = [];
  #next = 0;

  constructor(
    readonly definition: AlgorithmDefinition<unknown>,
    readonly space: Space,
    readonly seed: number,
    readonly config: unknown = definition.configSchema.parse({}),
  ) {
    this.designer = definition.create({ space, config, seed });
  }

  /** Replaces the designer by one restored from its JSON state. */
  reload(): void {
    const state = JSON.parse(JSON.stringify(this.designer.dump())) as JsonValue;
    this.designer = this.definition.create({
      space: this.space,
      config: this.config,
      seed: this.seed,
      state,
    });
  }

  /** Asks for up to `count` points and hands them out as trials. */
  async ask(count: number): Promise<TrialRef[]> {
    const suggestions = await this.designer.suggest(count, {
      pending: this.pending.map((t) => t.point),
      signal: new AbortController().signal,
    });
    assertValidSuggestions(this.space, suggestions, count);
    this.log.push(JSON.stringify(suggestions));
    const trials = suggestions.map((s) => {
      const number = this.#next++;
      // The service keeps params and re-encodes them for feedback.
      const point = this.space.encode(this.space.decode(s.point));
      return { trialId: `trial-${number}`, number, point, tag: s.tag ?? null };
    });
    this.pending.push(...trials);
    return trials;
  }

  /** Reports the first `n` pending trials (all by default). */
  tell(n = this.pending.length): void {
    const reported = this.pending.slice(0, n);
    this.pending = this.pending.slice(n);
    const feedback = feedbackFor(this.definition, reported);
    if (feedback.length > 0) this.designer.update(feedback);
  }
}

/** A fixed ask/tell script, optionally reloading the designer between steps. */
async function runScript(session: Session, reloadEachStep: boolean): Promise<string[]> {
  const steps: (() => unknown)[] = [
    () => session.ask(7),
    () => session.tell(),
    () => session.ask(1),
    () => session.ask(5),
    () => session.tell(4),
    () => session.ask(16),
    () => session.tell(),
    () => session.ask(3),
    () => session.tell(),
    () => session.ask(8),
  ];
  for (const step of steps) {
    await step();
    if (reloadEachStep) session.reload();
  }
  return session.log;
}

for (const [name, definition] of algorithms) {
  // An algorithm driven by rounds (sso) suggests no points: its own tests check its contract.
  if (definition.protocol === "rounds") continue;
  const space = spaceFor(definition);

  Deno.test(`${name}: describes itself`, () => {
    assert.equal(definition.name, name);
    assert.ok(definition.description.length > 10);
    assert.ok(definition.feedbackKinds.length > 0);
    assert.equal(new Set(definition.feedbackKinds).size, definition.feedbackKinds.length);
    for (const kind of definition.feedbackKinds) assert.ok(FEEDBACK_KINDS.includes(kind));
    assert.equal(typeof definition.learnsFromFeedback, "boolean");
  });

  Deno.test(`${name}: config defaults fill {} and unknown keys are rejected`, () => {
    const config = definition.configSchema.parse({});
    assert.deepEqual(JSON.parse(JSON.stringify(config)), config);
    assert.equal(definition.configSchema.safeParse({ notAnOption: 1 }).success, false);
  });

  Deno.test(`${name}: suggests valid points with no trials, for 1, 7 and 64`, async () => {
    for (const count of [1, 7, 64]) {
      const session = new Session(definition, space, 1);
      const trials = await session.ask(count);
      assert.ok(trials.length >= 1, `no point for a new study (count ${count})`);
    }
    // And one after the other, with the earlier points pending.
    const session = new Session(definition, space, 2);
    for (const count of [1, 7, 64]) await session.ask(count);
  });

  Deno.test(`${name}: suggestions stay valid through many rounds of feedback`, async () => {
    const session = new Session(definition, space, 3);
    for (let round = 0; round < 8; round++) {
      await session.ask(round % 2 === 0 ? 7 : 4);
      session.tell();
    }
  });

  Deno.test(`${name}: accepts each feedback kind it declares`, async () => {
    const pointwise = definition.feedbackKinds.filter((k) =>
      k === "value" || k === "infeasible" || k === "failed"
    );
    for (const kind of pointwise) {
      const session = new Session(definition, space, 4);
      const trials = await session.ask(6);
      session.pending = [];
      const loss = 1;
      const feedback: Feedback[] = trials.map((t) =>
        kind === "value"
          ? { kind, ...t, loss, values: { loss }, noiseVariance: 0.01 }
          : kind === "infeasible"
          ? { kind, ...t }
          : { kind, ...t, cause: "STALE" }
      );
      session.designer.update(feedback);
      session.designer.update([]);
      await session.ask(6);
    }
  });

  Deno.test(`${name}: suggest(0) returns nothing and bad counts are rejected`, async () => {
    const session = new Session(definition, space, 5);
    const ctx = { pending: [], signal: new AbortController().signal };
    assert.deepEqual(await session.designer.suggest(0, ctx), []);
    await assert.rejects(session.designer.suggest(-1, ctx));
    await assert.rejects(session.designer.suggest(1.5, ctx));
  });

  Deno.test(`${name}: works on a one-parameter space`, async () => {
    const session = new Session(definition, ONE_PARAMETER, 6);
    await runScript(session, false);
  });

  Deno.test(`${name}: the same seed gives the same suggestions`, async () => {
    const a = await runScript(new Session(definition, space, 42), false);
    const b = await runScript(new Session(definition, space, 42), false);
    assert.deepEqual(a, b);
  });

  Deno.test(`${name}: different seeds give different points`, async () => {
    const a = new Session(definition, space, 100);
    const b = new Session(definition, space, 101);
    const [pa, pb] = [await a.ask(8), await b.ask(8)];
    assert.notDeepEqual(pa.map((t) => t.point), pb.map((t) => t.point));
  });

  Deno.test(`${name}: a restored designer continues exactly`, async () => {
    // A designer restored from a dump makes the same next suggestions.
    const a = new Session(definition, space, 7);
    await a.ask(5);
    a.tell(3);
    await a.ask(2);
    const b = new Session(definition, space, 7);
    b.designer = definition.create({
      space,
      config: a.config,
      seed: 7,
      state: JSON.parse(JSON.stringify(a.designer.dump())),
    });
    b.pending = [...a.pending];
    const next = (trials: TrialRef[]) => trials.map((t) => [t.point, t.tag]);
    assert.deepEqual(next(await b.ask(9)), next(await a.ask(9)));
    // The service's way: a fresh designer from the saved state on every step.
    const continuous = await runScript(new Session(definition, space, 8), false);
    const reloaded = await runScript(new Session(definition, space, 8), true);
    assert.deepEqual(reloaded, continuous);
  });

  Deno.test(`${name}: dump() is JSON`, async () => {
    const session = new Session(definition, space, 9);
    const states = [session.designer.dump()];
    await session.ask(3);
    states.push(session.designer.dump());
    session.tell();
    states.push(session.designer.dump());
    for (const state of states) assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
  });

  Deno.test(`${name}: a corrupt state is refused with an Error`, () => {
    const config = definition.configSchema.parse({});
    for (const state of ["corrupt", 17, [1, 2, 3], { v: -1 }] as JsonValue[]) {
      assert.throws(
        () => definition.create({ space, config, seed: 1, state }),
        Error,
        JSON.stringify(state),
      );
    }
  });

  if (space !== MIXED_SPACE) {
    Deno.test(`${name}: a space checkSpace refuses is refused by create too`, () => {
      const config = definition.configSchema.parse({});
      const reason = definition.checkSpace!(MIXED_SPACE)!;
      assert.ok(reason.length > 10, reason);
      assert.throws(() => definition.create({ space: MIXED_SPACE, config, seed: 1 }), Error);
    });
  }
}
