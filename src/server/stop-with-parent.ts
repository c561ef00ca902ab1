/**
 * `npm start` runs `sh -c "node src/server/start.ts"`. Sent SIGTERM, npm passes it to that shell,
 * which dies without passing it on, and npm exits: the server would go on holding the port with
 * nobody left to stop it. So when npm runs it, the server watches the process that started it and,
 * once that one is gone, stops as if it had been sent SIGTERM itself (requests drained, cache
 * snapshot written). A signal received first ends the watch: the parent dying during that stop is
 * not a second signal. Returns a function that ends the watch.
 */
export function stopWithParent(
  options: { env?: NodeJS.ProcessEnv; intervalMs?: number; parentPid?: () => number; stop?: () => void } = {},
): () => void {
  const env = options.env ?? process.env;
  // Started by hand, by systemd or by a test, the parent's exit is not ours to follow.
  if (!env.npm_lifecycle_event) return () => {};
  const parentPid = options.parentPid ?? (() => process.ppid);
  const stop = options.stop ?? (() => process.kill(process.pid, 'SIGTERM'));
  const parent = parentPid();
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const end = () => {
    clearInterval(watch);
    for (const signal of signals) process.off(signal, end);
  };
  const watch = setInterval(() => {
    if (parentPid() === parent) return;
    end();
    // Said before the stop's own "stopping" line, so a log shows why this process stopped.
    process.stderr.write(
      `creneau: the process that started this server (pid ${parent}, npm ${env.npm_lifecycle_event}) is gone: stopping\n`,
    );
    stop();
  }, options.intervalMs ?? 500);
  watch.unref();
  for (const signal of signals) process.on(signal, end);
  return end;
}
