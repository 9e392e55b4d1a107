/**
 * The SDK's own Sync reads (twilio-sync's `executeWithRetry`) reject with "disconnected (status: 0,
 * code: 0)" when the socket drops under them, and some of those promises are the SDK's own, awaited
 * by nobody: the browser reports them as unhandled rejections. The SDK reconnects and reads again by
 * itself (the banner says so), so these are noise, not faults. Everything else stays reported.
 */
export function isSdkTransportDrop(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  const { status, code } = reason as { status?: unknown; code?: unknown };
  if (status !== 0 || (code !== 0 && code !== undefined)) return false;
  // twilsock's words for a request cut by the socket closing, as twilio-sync wraps them.
  return /^(Twilsock )?disconnected( \(status: 0, code: 0\))?$/.test(reason.message);
}

/** Returns the teardown. `log` sees each dropped rejection, so a flood would still show in the console. */
export function ignoreSdkTransportDrops(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  log: (message: string) => void = (m) => console.debug(m),
): () => void {
  const onRejection = (event: PromiseRejectionEvent) => {
    if (!isSdkTransportDrop(event.reason)) return;
    event.preventDefault();
    log(`SDK request cut by the connection dropping: ${(event.reason as Error).message}`);
  };
  target.addEventListener('unhandledrejection', onRejection);
  return () => target.removeEventListener('unhandledrejection', onRejection);
}
