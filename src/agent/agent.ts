/**
 * The agent's loop: P slots, each with a clientId of its own, ask for one
 * trial at a time, run the command for it, keep its lease alive, and report
 * the result, until N trials are done (completed, infeasible or failed).
 * A clientId per slot matters: suggest hands a client the trials it still
 * holds first, so a slot that lost a response asks again and gets its own
 * trial back, and slots never take each other's.
 *
 * SIGINT and SIGTERM stop the handing out; the trials in flight are failed
 * (their commands killed) or let finish and reported, as --on-signal says,
 * and a second signal turns "finish" into "fail". Either way no trial this
 * agent took is left ACTIVE.
 */
import { type AgentOptions, fillTemplate, trialEnv, unknownPlaceholders } from "./args.ts";
import { AgentClient, type AgentStudy, type AgentTrial, ApiError, pause } from "./client.ts";
import { runCommand, type RunningCommand } from "./command.ts";
import { Reporter } from "./report.ts";

/** Exit codes: 0 done, 1 an error, 130 SIGINT, 143 SIGTERM. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** A usage mistake found once the study is known (exit code 2). */
export class AgentSetupError extends Error {}

/**
 * The study's space and objective; an AgentSetupError (exit code 2, before
 * anything runs) for a study without them: one that learns from rounds
 * (sso), whose client computes gradients for the rounds the service hands
 * out, which is not a command run per trial.
 */
function trialsOf(study: AgentStudy): {
  space: NonNullable<AgentStudy["space"]>;
  objective: NonNullable<AgentStudy["objective"]>;
} {
  if (study.space !== null && study.objective !== null) {
    return { space: study.space, objective: study.objective };
  }
  throw new AgentSetupError(
    `study ${study.id} learns from rounds (algorithm ${study.algorithm.name}): it has no space and ` +
      "hands out no trials, so there is nothing for the agent to run; drive it with " +
      `startRound/completeRound (POST /v1/studies/${study.id}/rounds; the README's SSO section)`,
  );
}

/** Runs the agent to its end and returns its exit code. */
export async function runAgent(options: AgentOptions): Promise<number> {
  const client = new AgentClient(options.url, options.key, options.studyId);
  const study = await client.study();
  const { space, objective } = trialsOf(study);
  const names = space.parameters.map((p) => p.name);
  const unknown = unknownPlaceholders(options.command, names);
  if (unknown.length > 0) {
    throw new AgentSetupError(
      `the command names ${unknown.map((n) => `{${n}}`).join(", ")}, which the study's space ` +
        `does not have (its params: ${names.join(", ")})`,
    );
  }
  const leaseSeconds = study.settings.leaseSeconds;
  const reporter = new Reporter(options.count, objective.metrics[0], options.json);
  reporter.emit({
    event: "started",
    studyId: options.studyId,
    count: options.count,
    parallel: options.parallel,
    command: options.command,
  });

  const stopping = new AbortController();
  let signal: string | null = null;
  let killInFlight = options.onSignal === "fail";
  let fatal: Error | undefined;
  const running = new Map<string, RunningCommand>();
  const stop = (reason: string) => {
    stopping.abort();
    if (killInFlight) { for (const command of running.values()) command.kill(reason); }
  };
  const listeners = (["SIGINT", "SIGTERM"] as const).map((name) => {
    const listener = () => {
      if (signal !== null) killInFlight = true; // a second signal: stop waiting
      signal ??= name;
      reporter.note(
        `[minima agent] ${name}: no more trials; ` +
          (killInFlight ? "failing those in flight" : "letting those in flight finish"),
      );
      reporter.emit({
        event: "stopping",
        signal: name,
        inFlight: killInFlight ? "fail" : "finish",
      });
      stop(`interrupted by ${name}`);
    };
    Deno.addSignalListener(name, listener);
    return () => Deno.removeSignalListener(name, listener);
  });

  let claimed = 0;
  const host = Deno.hostname();

  const report = async (trial: AgentTrial, outcome: Awaited<RunningCommand["outcome"]>) => {
    if (outcome.kind === "result") {
      try {
        await client.complete(trial.id, outcome.result);
        reporter.emit({
          event: "trial_completed",
          trialId: trial.id,
          number: trial.number,
          ...outcome.result,
        });
        return;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) throw error;
        // Refused (e.g. the first metric is missing): the trial must not stay ACTIVE.
        outcome = { kind: "failed", reason: `the result was refused: ${error.message}` };
      }
    }
    try {
      await client.fail(trial.id, outcome.reason.slice(0, 2000));
    } catch (error) {
      // 409: it is no longer failable (completed late by someone, say): nothing is left ACTIVE.
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
    }
    reporter.emit({
      event: "trial_failed",
      trialId: trial.id,
      number: trial.number,
      reason: outcome.reason,
    });
  };

  const heartbeat = async (trial: AgentTrial, finished: AbortSignal) => {
    const everyMs = Math.max(leaseSeconds * 1000 / 3, 200);
    while (!finished.aborted) {
      await pause(everyMs, finished);
      if (finished.aborted) return;
      try {
        if ((await client.heartbeat(trial.id)) === null) {
          reporter.note(`[minima agent] trial ${trial.number} lost its lease (no longer ACTIVE)`);
          return;
        }
      } catch (error) {
        reporter.note(
          `[minima agent] heartbeat of trial ${trial.number}: ${(error as Error).message}`,
        );
      }
    }
  };

  const runTrial = async (trial: AgentTrial) => {
    reporter.emit({
      event: "trial_started",
      trialId: trial.id,
      number: trial.number,
      params: trial.params,
    });
    let args: string[];
    try {
      args = options.command.map((arg) => fillTemplate(arg, trial.params));
    } catch (error) {
      await report(trial, { kind: "failed", reason: (error as Error).message });
      return;
    }
    const command = runCommand(
      args,
      trialEnv(options.studyId, trial.id, trial.params),
      JSON.stringify(trial.params) + "\n",
      options.timeoutSeconds,
    );
    running.set(trial.id, command);
    if (stopping.signal.aborted && killInFlight) command.kill(`interrupted by ${signal}`);
    const finished = new AbortController();
    const beating = heartbeat(trial, finished.signal);
    const outcome = await command.outcome;
    finished.abort();
    await beating;
    running.delete(trial.id);
    await report(trial, outcome);
  };

  let complete = false;
  const slot = async (index: number) => {
    const clientId = `agent-${host}-${Deno.pid}-${index}`;
    while (!stopping.signal.aborted && claimed < options.count) {
      claimed++;
      let trial: AgentTrial | undefined;
      while (trial === undefined) {
        const answer = await client.suggest(clientId);
        if (answer.complete !== undefined) {
          // The study reached its maxTrials or deadline: this slot is done, not failed.
          if (!complete) reporter.note(`[minima agent] the study is complete: ${answer.complete}`);
          complete = true;
          return;
        }
        trial = answer.trial;
        if (trial === undefined) {
          if (stopping.signal.aborted) return;
          await pause((answer.retryAfterSeconds ?? 1) * 1000, stopping.signal);
          if (stopping.signal.aborted) return;
        }
      }
      if (stopping.signal.aborted) {
        // Handed out as the agent stopped: not run, and not left ACTIVE either.
        await report(trial, { kind: "failed", reason: `agent stopped (${signal ?? "error"})` });
        return;
      }
      await runTrial(trial);
    }
  };

  await Promise.all(
    Array.from(
      { length: Math.min(options.parallel, options.count) },
      (_, i) =>
        slot(i).catch((error) => {
          fatal ??= error;
          killInFlight = true;
          stop(`the agent stopped: ${(error as Error).message}`);
        }),
    ),
  );
  for (const remove of listeners) remove();
  reporter.finish(signal);
  if (fatal) {
    reporter.note(`minima agent: ${fatal.message}`);
    return 1;
  }
  return signal === null ? 0 : SIGNAL_EXIT[signal];
}
