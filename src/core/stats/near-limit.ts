/**
 * Measuring on near the regression limit: a benchmark that reaches the
 * stopping rule's target with an interval that still holds the limit the
 * verdict judges by goes on to a narrower target (settleRule), and the run
 * asks whether an interval holds that limit at the widest level the report
 * can draw the row at (limitLevel, widestLook). docs/methodology.md,
 * "Measuring on near the limit", gives the argument and the simulations.
 */
import { DEFAULT_ALPHA, suiteLevel } from "../compare/marks.js";
import { type PrecisionLook, SEQUENTIAL_LEVEL, type StoppingRule } from "./stopping-rule.js";

/**
 * How much narrower a benchmark is measured when its interval, at the run's
 * target, still holds the regression limit: a row there decides between
 * "regression" and "keep off" by where the estimate falls within its
 * interval, so runs an hour apart could say either. sqrt(2) costs about
 * twice the pairs and narrows by as much the band of effects that can go
 * either way.
 */
export const SETTLE_NARROWING = Math.SQRT2;

/**
 * The level of the intervals a benchmark is looked at with once it goes on.
 * Going on gives the rule a second run of looks, and at SEQUENTIAL_LEVEL the
 * interval it stopped on then held a true effect at the limit 94.5% of the
 * time in simulation; at 98.5%, 95.7% (settle.test.ts).
 */
export const SETTLE_LEVEL = 0.985;

/**
 * The level at which a run asks whether a benchmark's interval holds the
 * regression limit. The verdict asks it of the row compare draws, which is
 * widened for the suite (compare/marks.ts suiteLevel) to as much as
 * 1 - alpha / m for m rows; asked of a narrower interval, a row the run
 * found clear of the limit could reach it in the report, and its verdict
 * turn on an interval the run never measured on. So the run asks at the
 * widest level the report can use for a suite of `suiteSize`, or the
 * rule's own, whichever is wider.
 */
export function limitLevel(rule: StoppingRule, suiteSize: number): number {
  return Math.max(rule.level ?? SEQUENTIAL_LEVEL, suiteLevel(1, suiteSize, DEFAULT_ALPHA));
}

/**
 * The look at `level`, or, when the processes are too few for an interval
 * at that level, at the widest level they give an interval at, found by
 * halving the gap down to `from` (a level they do give one at). compare
 * keeps a row at the suite's level whenever its processes give one there,
 * so asking at limitLevel of too few would ask of no interval at all while
 * the report draws one (8 pairs reach 99.2% at most, not 99.7%).
 */
export function widestLook(
  at: (level: number) => PrecisionLook,
  level: number,
  from: number,
): PrecisionLook {
  const wanted = at(level);
  if (wanted.interval !== null) return wanted;
  let best = at(from);
  if (best.interval === null) return wanted;
  let low = from;
  let high = level;
  // 12 halvings of a gap under 3% leave under 0.001%: finer than the levels a few processes give.
  for (let i = 0; i < 12; i++) {
    const middle = (low + high) / 2;
    const look = at(middle);
    if (look.interval === null) high = middle;
    else {
      best = look;
      low = middle;
    }
  }
  return best;
}

/**
 * The rule a benchmark is measured on with, once `look` reached `rule`'s
 * target: a rule narrower by SETTLE_NARROWING when `wide`, the look at
 * limitLevel, holds `limit` (low < limit <= high, the speedup the verdict
 * calls a regression at or below), else null. The decision to go on looks
 * once, at the first target; from there on the narrower rule, like the
 * first, looks only at the interval's width, so the run cannot stop because
 * the interval happened to clear the limit. test/core/sequential/settle.test.ts
 * checks what that does to coverage and to the regressions called at the
 * limit. Its intervals are taken at SETTLE_LEVEL, which the run records, so
 * compare's row uses it too.
 */
export function settleRule(
  rule: StoppingRule,
  look: PrecisionLook,
  wide: PrecisionLook | null,
  limit: number | null,
): StoppingRule | null {
  if (!holdsLimit(wide, limit)) return null;
  if (!(look.halfWidth !== null && look.halfWidth <= look.target)) return null;
  return { ...rule, precision: rule.precision / SETTLE_NARROWING, level: SETTLE_LEVEL };
}

/**
 * Whether a look's interval holds the regression limit: low < limit <= high,
 * so that where the estimate falls within it decides the verdict.
 */
export function holdsLimit(look: PrecisionLook | null, limit: number | null): boolean {
  const interval = look?.interval;
  if (limit === null || interval == null) return false;
  return interval.low < limit && limit <= interval.high;
}
