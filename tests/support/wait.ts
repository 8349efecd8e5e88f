/**
 * Waiting on events without asserting times: a poll that ends when what it
 * looks for shows up or when another event settles first, and a deadline that
 * turns a hang into a failure with a message (a guard, never a claim).
 */

/** How long a guarded wait may make no progress before the test fails instead of hanging. */
export const HANG_MS = 120_000;

/**
 * Rejects with `message()` if `promise` has not settled within `ms`; the
 * timer is cleared either way.
 */
export async function withDeadline<T>(
  promise: Promise<T>,
  message: () => string,
  ms = HANG_MS,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message()} (gave up after ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `check` until it returns a value (returned) or until `unless` settles
 * first (then undefined). Each check runs to its end before the next
 * starts, and the pause between checks ends as soon as `unless` settles.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  unless: Promise<unknown>,
  pauseMs = 10,
): Promise<T | undefined> {
  let settled = false;
  const done = unless.then(() => (settled = true), () => (settled = true));
  while (!settled) {
    const value = await check();
    if (value !== undefined) return value;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([done, new Promise((r) => (timer = setTimeout(r, pauseMs)))]);
    clearTimeout(timer);
  }
  return undefined;
}
