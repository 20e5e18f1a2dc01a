/**
 * A line every few seconds while a run is quiet: how long it has run, how
 * many benchmarks are done, and an estimate of what remains, so that a person
 * watching a log can tell a long benchmark from a hung run.
 */

export interface HeartbeatOptions {
  /** Milliseconds since some fixed point: the caller's clock. */
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** Quiet time after which a line is printed. */
  readonly everyMs: number;
  /** Starts a repeating timer; returns its stopper. Real timers by default. */
  readonly every?: (ms: number, tick: () => void) => () => void;
}

export interface Heartbeat {
  /** Logs a line of the run's own, which also resets the quiet time. */
  readonly log: (line: string) => void;
  /** The work ahead: benchmarks in all, and the budget's end when one bounds the run. */
  readonly plan: (total: number, budgetMs: number | null) => void;
  /** One more benchmark finished. */
  readonly done: () => void;
  readonly stop: () => void;
}

function realTimer(ms: number, tick: () => void): () => void {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}

export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return minutes >= 60
    ? `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}:${rest}`
    : `${minutes}:${rest}`;
}

export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const started = options.now();
  let lastLine = started;
  let total: number | null = null;
  let budgetMs: number | null = null;
  let measuringSince: number | null = null;
  let finished = 0;
  const beat = () => {
    const now = options.now();
    if (now - lastLine < options.everyMs) return;
    const elapsed = now - started;
    const parts = [`${formatClock(elapsed)} elapsed`];
    if (total !== null)
      parts.push(`${finished} of ${total} benchmark${total === 1 ? "" : "s"} done`);
    const left = remaining(now);
    if (left !== null) parts.push(left);
    options.log(`… ${parts.join("; ")}`);
    lastLine = now;
  };
  const remaining = (now: number): string | null => {
    if (total === null || measuringSince === null) return null;
    const spent = now - measuringSince;
    const byPace = finished > 0 ? (spent / finished) * (total - finished) : null;
    const byBudget = budgetMs === null ? null : Math.max(0, budgetMs - spent);
    if (byPace !== null && byBudget !== null) {
      return `about ${formatClock(Math.min(byPace, byBudget))} left`;
    }
    if (byPace !== null) return `about ${formatClock(byPace)} left`;
    if (byBudget !== null) return `at most ${formatClock(byBudget)} left (the budget)`;
    return "estimating what is left after the first benchmark";
  };
  const stopTimer = (options.every ?? realTimer)(Math.max(250, options.everyMs / 5), beat);
  return {
    log: (line) => {
      lastLine = options.now();
      options.log(line);
    },
    plan: (count, budget) => {
      total = count;
      budgetMs = budget;
      measuringSince = options.now();
    },
    done: () => {
      finished += 1;
    },
    stop: stopTimer,
  };
}
