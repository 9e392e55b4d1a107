/**
 * Calls `each` on every item, at most `parallel` at once, taking them in order: a pass of REST
 * reads (receipts, analytics) that one after another would take the count times Twilio's latency.
 * Takes no more items once `stop()` says so or one call has thrown, and settles only when no call
 * is running any more, so what a caller closes after it is not written to by a call still under way.
 * The first failure is thrown again.
 */
export async function eachInParallel<T>(items: readonly T[], parallel: number, each: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed && !stop()) {
      const item = items[next++] as T;
      try {
        await each(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const ends = await Promise.allSettled(Array.from({ length: Math.min(parallel, items.length) }, worker));
  const failure = ends.find((end): end is PromiseRejectedResult => end.status === 'rejected');
  if (failure) throw failure.reason;
}
