/**
 * Runs `fn` once the frame that shows what the current task changed has been painted: rAF runs
 * before the next paint and a task queued from it after. Hidden windows get no frames, so a
 * timer stands in (at once when hidden, after 100 ms if frames stall).
 *
 * For work a new message sets off that the agent does not see (a report to main, the read
 * horizon's request): done before the paint, it delays the message on screen.
 */
export function afterPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  const visible = typeof document !== 'undefined' && document.visibilityState === 'visible';
  if (!visible || typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  const fallback = setTimeout(run, 100);
  requestAnimationFrame(() =>
    setTimeout(() => {
      clearTimeout(fallback);
      run();
    }, 0),
  );
}
