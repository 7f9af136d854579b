// The replay's virtual clock: an anchor (virtual ms at a real instant) and a rate. The replay owns one
// and sends every change to its server process, whose `now()` (StartOptions.now, the server's one
// clock injection) reads the same formula, so "today" on the server is the replay's day.
export interface ClockSetting { virtualMs: number; realMs: number; rate: number }

export class VirtualClock {
  private setting: ClockSetting = { virtualMs: Date.now(), realMs: Date.now(), rate: 1 };

  now(): number {
    const { virtualMs, realMs, rate } = this.setting;
    return virtualMs + (Date.now() - realMs) * rate;
  }

  /** Jumps to `virtualMs` and runs `rate` times faster than real time from here. */
  set(virtualMs: number, rate: number): ClockSetting {
    this.setting = { virtualMs, realMs: Date.now(), rate };
    return this.setting;
  }

  /** Keeps the current instant, changes the rate. */
  rate(rate: number): ClockSetting {
    return this.set(this.now(), rate);
  }

  apply(setting: ClockSetting): void {
    this.setting = setting;
  }
}
