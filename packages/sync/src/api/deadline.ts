// A per-request deadline that is gone as soon as the request is. `AbortSignal.timeout()` keeps its timer,
// its signal and everything listening to it (the request, its body, undici's handlers) alive until the
// deadline passes, even when the answer came in a millisecond: at a few hundred requests a second that is
// thousands of finished requests held for 8–10 s, and the heap (and RSS) grows to hold them.
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    ms,
  );
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
