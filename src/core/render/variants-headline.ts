/**
 * The one answer a variants report opens with, in words: which variant is
 * fastest, by how much, and whether that is significant. The Markdown
 * report, the comparison JSON and the action's outputs all say it; `name`
 * makes each variant's name safe for the sink it goes to.
 */
import type { Pairwise, VariantComparison } from "../variants/compare.js";
import { formatSpeedupWithInterval } from "./format.js";

export function variantsHeadline(c: VariantComparison, name: (v: number) => string): string {
  const h = c.headline;
  if (h.kind === "none") {
    return "No two variants could be compared: every benchmark failed, or had fewer than two sets.";
  }
  const base = name(0);
  if (h.fastest === 0) {
    const next = h.versusRunnerUp;
    return next?.significant
      ? `The baseline, ${base}, is fastest: ${ratio(next)} the speed of the next fastest, ${name(next.from)}, a significant lead.`
      : `No variant is significantly faster than the baseline, ${base}${next ? `: the next fastest, ${name(next.from)}, runs at ${ratio(inverse(next))} its speed` : ""}; more sets per benchmark (a higher budget or processes) would settle it.`;
  }
  const vs = h.versusBaseline;
  const lead = vs ? `${ratio(vs)} the speed of ${base} (the baseline)` : "";
  if (h.versusRunnerUp && h.versusRunnerUp.from !== 0) {
    const up = h.versusRunnerUp;
    return h.kind === "significant"
      ? `${name(h.fastest)} is fastest: ${lead}, and ${ratio(up)} the speed of the next fastest, ${name(up.from)}, a significant lead.`
      : `${name(h.fastest)} is fastest by its estimate, ${lead}, but not significantly ahead of ${name(up.from)} (${ratio(up)}): inconclusive between the two; more sets per benchmark would settle it.`;
  }
  return h.kind === "significant"
    ? `${name(h.fastest)} is fastest: ${lead}, a significant lead.`
    : `${name(h.fastest)} is fastest by its estimate, ${lead}, but that is not significant: inconclusive; more sets per benchmark would settle it.`;
}

function inverse(p: Pairwise): Pairwise {
  return {
    ...p,
    from: p.to,
    to: p.from,
    geomean: 1 / p.geomean,
    interval: { low: 1 / p.interval.high, high: 1 / p.interval.low },
  };
}

export function ratio(p: Pairwise): string {
  return formatSpeedupWithInterval(p.geomean, p.interval);
}
