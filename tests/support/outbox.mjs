// Reading the widget's persistent outbox (localStorage `nps:<key>:outbox`)
// from a page, and waiting for the widget to have started.

/** The stored outbox: `{entries: [{request, attempts, due, lease}], dropped}`. */
export function outbox(page, key = 'demo') {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(`nps:${k}:outbox`) ?? '{"entries":[],"dropped":0}'), key);
}

/** The queued response POSTs (`NewResponse` bodies). */
export async function queuedResponses(page, key = 'demo') {
  const { entries } = await outbox(page, key);
  return entries.map((e) => e.request.response).filter(Boolean);
}

/** Waits until the loader has replaced the snippet's queueing stub. */
export function widgetStarted(page) {
  return page.waitForFunction(() => typeof window.nps === 'function' && !Array.isArray(window.nps.q));
}
