/**
 * Lines keyed by their position in the suite, let out in suite order: a line
 * waits until every earlier one is out. Sequential sampling finishes
 * benchmarks in the order their intervals narrow, not in the suite's; a log
 * that jumps from [5/8] back to [2/8] is hard to follow.
 */
export interface OrderedLines {
  readonly add: (position: number, line: string) => void;
  /** Lets out whatever still waits, in order (a stopped run leaves gaps). */
  readonly flush: () => void;
}

export function orderedLines(emit: (line: string) => void): OrderedLines {
  const waiting = new Map<number, string>();
  let next = 0;
  return {
    add: (position, line) => {
      waiting.set(position, line);
      for (let text = waiting.get(next); text !== undefined; text = waiting.get(next)) {
        waiting.delete(next);
        emit(text);
        next += 1;
      }
    },
    flush: () => {
      for (const position of [...waiting.keys()].sort((a, b) => a - b)) {
        emit(waiting.get(position) ?? "");
      }
      waiting.clear();
    },
  };
}
