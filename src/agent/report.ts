/**
 * What the agent tells its user: a progress line on stderr at each change
 * (done/total, best so far, ETA) and, with --json, one JSON event per line on
 * stdout for programs that drive it. Nothing here ever sees the API key.
 */

/** The study's first metric, which "best" is about. */
export interface Metric {
  name: string;
  goal: "minimize" | "maximize";
}

/** An event of --json (the `event` field names it). */
export type AgentEvent =
  | { event: "started"; studyId: string; count: number; parallel: number; command: string[] }
  | { event: "trial_started"; trialId: string; number: number; params: Record<string, unknown> }
  | {
    event: "trial_completed";
    trialId: string;
    number: number;
    values?: Record<string, number>;
    infeasible?: true;
  }
  | { event: "trial_failed"; trialId: string; number: number; reason: string }
  | { event: "stopping"; signal: string; inFlight: "fail" | "finish" }
  | {
    event: "done";
    completed: number;
    failed: number;
    best: { trialId: string; value: number } | null;
    signal: string | null;
  };

/** Progress and events of one agent. */
export class Reporter {
  private completed = 0;
  private failed = 0;
  private best: { trialId: string; value: number } | null = null;
  private readonly startedAt = performance.now();

  constructor(
    private readonly total: number,
    private readonly metric: Metric,
    private readonly json: boolean,
    private readonly out: (line: string) => void = (line) => console.log(line),
    private readonly err: (line: string) => void = (line) => console.error(line),
  ) {}

  /** Trials finished so far (completed, infeasible or failed). */
  get done(): number {
    return this.completed + this.failed;
  }

  emit(event: AgentEvent): void {
    if (this.json) this.out(JSON.stringify(event));
    if (event.event === "trial_completed") {
      this.completed++;
      const value = event.values?.[this.metric.name];
      if (value !== undefined && this.better(value)) this.best = { trialId: event.trialId, value };
      this.progress();
    } else if (event.event === "trial_failed") {
      this.failed++;
      this.err(`trial ${event.number} failed: ${event.reason.split("\n").at(-1)}`);
      this.progress();
    }
  }

  /** Ends with the `done` event. */
  finish(signal: string | null): void {
    this.emit({
      event: "done",
      completed: this.completed,
      failed: this.failed,
      best: this.best,
      signal,
    });
  }

  /** A note for the user (stderr). */
  note(text: string): void {
    this.err(text);
  }

  private better(value: number): boolean {
    if (this.best === null) return true;
    return this.metric.goal === "minimize" ? value < this.best.value : value > this.best.value;
  }

  private progress(): void {
    const done = this.done;
    const best = this.best === null ? "—" : `${this.metric.name}=${this.best.value}`;
    const failed = this.failed > 0 ? ` (${this.failed} failed)` : "";
    let eta = "";
    if (done < this.total) {
      const seconds = (performance.now() - this.startedAt) / 1000 / done * (this.total - done);
      eta = ` · ETA ${formatSeconds(seconds)}`;
    }
    this.err(`[minima agent] ${done}/${this.total} done${failed} · best ${best}${eta}`);
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
