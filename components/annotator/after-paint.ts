type TaskScheduler = { postTask(task: () => void, options: { priority: 'user-blocking' | 'user-visible' }): Promise<unknown> };

/**
 * Runs `task` once the next frame has been painted: in the first task after the next animation
 * frame (at the given priority where the browser has a task scheduler). Work that can wait for
 * the frame after a key press (the list, the details panel) goes here, so the frame that shows
 * the new highlight does not wait for it. Returns a function that cancels the task.
 */
export function afterNextPaint(task: () => void, priority: 'user-blocking' | 'user-visible' = 'user-visible'): () => void {
  let cancelled = false;
  const run = () => {
    if (!cancelled) task();
  };
  if (typeof requestAnimationFrame === 'undefined') {
    const timer = setTimeout(run);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
    if (scheduler?.postTask) void scheduler.postTask(run, { priority });
    else setTimeout(run);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
}
