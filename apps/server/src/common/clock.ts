import { Injectable } from '@nestjs/common';

/**
 * "Now" for rules that compare against wall-clock time (a custom status's expiry).
 * Tests move it forward with `advance` instead of waiting.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Tests only: every later `now()` is `ms` further on. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
