/**
 * Periodic background work. In-process timers are enough while every job is idempotent (purges):
 * with many nodes each one running it is harmless. Jobs that must run once go to BullMQ later.
 */
export type Scheduler = {
  every(name: string, ms: number, job: () => Promise<void>): void;
  stop(): void;
};

export function createScheduler(onError: (name: string, error: unknown) => void): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  return {
    every(name, ms, job) {
      const timer = setInterval(() => job().catch((error) => onError(name, error)), ms);
      timer.unref();
      timers.push(timer);
    },
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
