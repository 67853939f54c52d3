import { Injectable } from '@nestjs/common';

/** The engine's notion of "now": waits are measured on it, and the waker compares against it. */
export interface Clock {
  now(): Date;
}

/**
 * The system clock unless a test (or the sandbox) sets it: then time stands at the set instant
 * until moved again, so a three-day wait is checked by advancing the clock, not by sleeping.
 */
@Injectable()
export class AutomationClock implements Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  set(at: Date | null): void {
    this.fixed = at ? new Date(at) : null;
  }

  advance(ms: number): Date {
    this.fixed = new Date(this.now().getTime() + ms);
    return this.now();
  }
}
