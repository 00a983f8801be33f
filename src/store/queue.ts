/**
 * One change at a time. The worker handles events concurrently (a page read, an alarm and a click
 * can arrive together), and every change is a read-modify-write of storage: run back to back, none
 * loses another's write. Only ordering lives here, never state: a worker that sleeps loses nothing.
 */
let tail: Promise<unknown> = Promise.resolve();

export function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task, task);
  tail = run.catch(() => undefined);
  return run;
}
