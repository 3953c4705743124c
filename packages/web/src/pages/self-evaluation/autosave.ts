/**
 * Autosave: edits are saved a short pause after the last one, one save at a time, each with the version the last
 * save (or read) gave. A save refused because someone else saved first (409 stale_version) stops the saving until
 * the person loads the other version: nothing is ever overwritten silently. A failed save keeps the edit pending
 * and is tried again at the next edit.
 */
export type SaveState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "error"; error: unknown }
  | { kind: "conflict" };

export interface AutosaveOptions<T> {
  /** Pause after the last edit before saving, in ms. */
  delay: number;
  save(value: T): Promise<void>;
  isConflict(error: unknown): boolean;
  onState(state: SaveState): void;
  now?: () => Date;
}

export class Autosaver<T> {
  private latest: T | undefined;
  private dirty = false;
  private saving = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: AutosaveOptions<T>) {}

  edit(value: T): void {
    if (this.stopped) return;
    this.latest = value;
    this.dirty = true;
    this.options.onState({ kind: "pending" });
    this.schedule();
  }

  /** Saves what is pending now (leaving the indicator, submitting); false when a save failed or conflicted. */
  async flush(): Promise<boolean> {
    this.clearTimer();
    while (this.saving) await new Promise((r) => setTimeout(r, 20));
    while (this.dirty && !this.stopped) if (!(await this.saveNow())) return false;
    return !this.stopped;
  }

  /** After a conflict, once the other version is loaded: saving starts again from a clean state. */
  reset(): void {
    this.clearTimer();
    this.stopped = false;
    this.dirty = false;
    this.latest = undefined;
    this.options.onState({ kind: "idle" });
  }

  /** Stops the timer without saving (the page is gone). */
  dispose(): void {
    this.clearTimer();
  }

  private schedule(): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.saveNow();
    }, this.options.delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async saveNow(): Promise<boolean> {
    this.clearTimer();
    if (this.saving || !this.dirty || this.stopped) return !this.stopped;
    this.saving = true;
    this.dirty = false;
    const value = this.latest as T;
    this.options.onState({ kind: "saving" });
    try {
      await this.options.save(value);
      this.options.onState(
        this.dirty ? { kind: "pending" } : { kind: "saved", at: (this.options.now ?? (() => new Date()))() },
      );
    } catch (error) {
      if (this.options.isConflict(error)) {
        this.stopped = true;
        this.clearTimer();
        this.options.onState({ kind: "conflict" });
      } else {
        this.dirty = true;
        this.options.onState({ kind: "error", error });
      }
      return false;
    } finally {
      this.saving = false;
    }
    if (this.dirty) this.schedule();
    return true;
  }
}
