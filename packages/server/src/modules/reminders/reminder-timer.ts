/**
 * The reminder run on a timer inside the server, like the job worker: started by the app, stopped by its close,
 * one run at a time. The first run comes one interval after the start (a test server never runs one unasked; a
 * demo start runs one itself). A failed run is reported as a warning and tried again at the next interval.
 */
import type { Services } from "../../context.js";
import { failureReason } from "../../jobs/worker.js";
import { runReminders } from "./run-reminders.js";

export class ReminderTimer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly services: Services) {}

  start(): void {
    const minutes = this.services.config.reminders.intervalMinutes;
    if (minutes === 0 || this.timer !== null) return;
    this.timer = setInterval(() => {
      if (this.running !== null) return;
      this.running = runReminders(this.services)
        .catch((error) => process.emitWarning(`reminders: ${failureReason(error)}`))
        .finally(() => {
          this.running = null;
        });
    }, minutes * 60_000);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
