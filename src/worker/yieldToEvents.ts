/**
 * Lets queued messages (pause, weight changes) run between training slices. A MessageChannel
 * task runs at once, unlike setTimeout, which browsers clamp to ≥ 4 ms when nested.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined')
    return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
