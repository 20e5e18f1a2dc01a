/**
 * Percent-valued flags and inputs. "5" and "5%" both mean five percent. A bare number
 * between 0 and 1 is refused rather than guessed at: "0.05" could mean 5% or
 * 0.05%, and guessing wrong would silently change the verdict.
 */
import { InputError, written } from "../errors.js";

const PERCENT = /^\+?(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/;

/** The fraction a percent flag stands for: "5" and "5%" give 0.05. */
export function parsePercent(flag: string, text: string, max = 1000): number {
  const match = PERCENT.exec(text.trim());
  if (!match) {
    throw new InputError(
      flag,
      text,
      "is not a percentage",
      `Write it as a number of percent, e.g. ${written(flag, "5%")}.`,
    );
  }
  const value = Number(match[1]);
  const hasSign = match[2] === "%";
  if (!hasSign && value > 0 && value < 1) {
    throw new InputError(
      flag,
      text,
      `is ambiguous: a bare number is read as percent, so this would be ${value}%, not ${value * 100}%`,
      `Write ${written(flag, `${trimNumber(value * 100)}%`)} for ${trimNumber(value * 100)} percent, or ${written(flag, `${value}%`)} if ${value} percent is meant.`,
    );
  }
  if (value > max) {
    throw new InputError(flag, text, `is above ${max}%`, `Use a percentage between 0 and ${max}.`);
  }
  return value / 100;
}

function trimNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}
