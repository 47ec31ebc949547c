/**
 * Loads take turns. Each works in DuckDB's working tables (`_ld_*`), so two loads at once would
 * read and replace each other's rows: both failed, or worse. A rehearsal (a load that saves nothing,
 * of the warm-up's made-up rows, see warm-up.ts) takes a turn only when no load waits, and a load
 * asked for meanwhile stops the one running at its next step; rehearsals still waiting then do not
 * run.
 */
let last: Promise<void> = Promise.resolve();
let loadsAsked = 0;
/** The rehearsal running. */
let rehearsal: { controller: AbortController } | null = null;

/** Loads waiting for their turn or running. */
export function loadsAskedFor(): number {
  return loadsAsked;
}

/** Queues a turn; `turn` resolves when it is this one's, `end` lets the next one go. */
function queueTurn(): { turn: Promise<void>; end: () => void } {
  const turn = last;
  let end = () => {};
  last = new Promise<void>((resolve) => (end = resolve));
  return { turn, end };
}

/**
 * Runs a load in its turn. `onWait` is called first if another load (not a rehearsal) is ahead of
 * it, so the page can say what it waits for; if `signal` aborts before its turn, it gives up at
 * once with `cancelled()`. A rehearsal running is stopped at its next step.
 */
export async function inLoadTurn<T>(
  load: () => Promise<T>,
  options: { onWait?: () => void; signal?: AbortSignal | undefined; cancelled?: () => Error } = {},
): Promise<T> {
  const { onWait, signal } = options;
  // only another load is worth waiting for: rehearsals, running or queued, give way to it
  const waits = loadsAsked > 0;
  loadsAsked += 1;
  rehearsal?.controller.abort();
  const { turn, end } = queueTurn();
  try {
    if (waits) onWait?.();
    await new Promise<void>((resolve, reject) => {
      const stop = () => reject(options.cancelled?.() ?? new Error('The load was cancelled.'));
      if (signal?.aborted) return stop();
      signal?.addEventListener('abort', stop, { once: true });
      void turn.then(() => {
        signal?.removeEventListener('abort', stop);
        resolve();
      });
    });
    return await load();
  } finally {
    loadsAsked -= 1;
    // a load that gave up early still lets the next one go only after the one ahead of it
    void turn.then(end);
  }
}

/**
 * Runs a rehearsal in a turn of its own, unless a load is asked for first; `run` should stop at
 * its next step once `signal` aborts (a load asked for meanwhile). True if it ran to the end.
 */
export async function inRehearsalTurn(run: (signal: AbortSignal) => Promise<unknown>): Promise<boolean> {
  if (loadsAsked > 0) return false;
  const { turn, end } = queueTurn();
  const controller = new AbortController();
  const running = { controller };
  try {
    await turn;
    if (loadsAsked > 0 || controller.signal.aborted) return false;
    rehearsal = running;
    await run(controller.signal);
    return !controller.signal.aborted;
  } catch {
    return false;
  } finally {
    if (rehearsal === running) rehearsal = null;
    end();
  }
}
