// The sandbox clock: every rule asks it for "now", and test hooks may move or freeze it.

export interface ClockState {
  now: string;
  mode: 'real' | 'offset' | 'frozen';
}

export class SandboxClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  /** Moves the clock to `at`; it keeps ticking from there unless `frozen`. */
  set(at: Date, frozen = false): void {
    if (frozen) {
      this.frozenAt = at.getTime();
      this.offsetMs = 0;
    } else {
      this.frozenAt = null;
      this.offsetMs = at.getTime() - Date.now();
    }
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }

  state(): ClockState {
    return {
      now: this.now().toISOString(),
      mode: this.frozenAt !== null ? 'frozen' : this.offsetMs !== 0 ? 'offset' : 'real',
    };
  }
}
