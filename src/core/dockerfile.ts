/**
 * Plans the one-line Dockerfile change that follows a verdict: set
 * `PYTHON_JIT=1` when the JIT wins, `PYTHON_JIT=0` when it loses. Pure: it
 * takes the file's text and returns the new text with a unified diff that
 * `git apply` accepts; reading and writing files is the caller's business.
 *
 * Only the final stage (the last FROM) is edited, because that is the image
 * that runs. Everything else keeps its bytes: other stages, comments, parser
 * directives, line continuations, quoting and CRLF line endings
 * (dockerfile-edit.ts makes the edit).
 */
import { DockerfileParser, Env, From, type Instruction, type Property } from "dockerfile-ast";
import {
  insertAfterFrom,
  lineStarts,
  replaceValue,
  unifiedDiff,
  VARIABLE,
} from "./dockerfile-edit.js";
import { InputError, quote } from "./errors.js";
import { PYTHON_JIT_VALUE } from "./results.js";

export const DOCKERFILE_ACTIONS = ["enable", "disable"] as const;
export type DockerfileAction = (typeof DOCKERFILE_ACTIONS)[number];

/**
 * `line` is 1-based. For a change it is the line of the new setting in
 * `after`; for "already" it is where the wanted value is set, which may be in
 * an earlier stage that the final stage builds on. `stage` names the final
 * stage by its `AS` name, or by its base image when it has none.
 */
export type DockerfilePlan =
  | {
      kind: "change";
      action: DockerfileAction;
      file: string;
      stage: string;
      before: string;
      after: string;
      diff: string;
      line: number;
      /** The value the image had before, or null when nothing set it. */
      previous: string | null;
      note: string;
    }
  | {
      kind: "already";
      action: DockerfileAction;
      file: string;
      stage: string;
      value: string;
      line: number;
      note: string;
    }
  | { kind: "nothing"; action: DockerfileAction; file: string; stage: string; note: string };

/** The value each action wants, tied to the values the benchmark legs use. */
const WANTED: Record<DockerfileAction, "0" | "1"> = {
  enable: PYTHON_JIT_VALUE.on,
  disable: PYTHON_JIT_VALUE.off,
};

interface Stage {
  readonly index: number;
  readonly from: From;
  readonly instructions: Instruction[];
}

interface Setting {
  readonly stage: Stage;
  readonly property: Property;
}

/**
 * `disable` sets the variable to 0 rather than deleting it: on a CPython built
 * with the JIT on by default (`--enable-experimental-jit=yes`) only an explicit
 * 0 turns it off, and a deleted line would also let a value inherited from a
 * parent stage come back. When nothing sets it, there is nothing to undo.
 */
export function planDockerfile(
  text: string,
  fileName: string,
  action: DockerfileAction,
): DockerfilePlan {
  const dockerfile = DockerfileParser.parse(text);
  const stages = stagesOf(dockerfile.getInstructions());
  const final = stages.at(-1);
  if (final === undefined) {
    throw new InputError(
      fileName,
      dockerfile.getInstructions()[0]?.getTextContent() ?? "(no instructions)",
      "has no FROM instruction",
      "Point dockerfile: at the Dockerfile that builds the image you benchmarked.",
    );
  }
  const wanted = WANTED[action];
  const stage = stageLabel(final);
  const base = { action, file: fileName, stage };
  const setting = effectiveSetting(stages, final);
  const current = setting?.property.getValue() ?? null;

  if (setting !== undefined && current === wanted) {
    const line = (setting.property.getValueRange() ?? setting.property.getRange()).start.line + 1;
    const where =
      setting.stage === final
        ? `the final stage (${stage})`
        : `stage ${stageLabel(setting.stage)}, which the final stage (${stage}) is built from`;
    return {
      kind: "already",
      ...base,
      value: wanted,
      line,
      note: `${VARIABLE} is already ${wanted}, set at line ${line} in ${where}.`,
    };
  }

  if (setting === undefined && action === "disable") {
    return {
      kind: "nothing",
      ...base,
      note:
        `The final stage (${stage}) does not set ${VARIABLE}, so there is nothing to undo. ` +
        `If its CPython was built with the JIT on by default, add ENV ${VARIABLE}=0 to turn it off.`,
    };
  }

  const lines = lineStarts(text);
  const edit =
    setting !== undefined && setting.stage === final
      ? replaceValue(text, lines, setting.property, wanted)
      : insertAfterFrom(text, lines, final.from, wanted);
  const how = edit.inserted
    ? `adds ENV ${VARIABLE}=${wanted} at line ${edit.line}, right after the FROM of the final stage (${stage})`
    : `sets ${VARIABLE} to ${wanted} at line ${edit.line}, in the final stage (${stage})`;
  const why =
    action === "disable"
      ? ` Setting 0 rather than deleting the line keeps the JIT off even where CPython was built with it on by default.`
      : "";
  return {
    kind: "change",
    ...base,
    before: text,
    after: edit.after,
    diff: unifiedDiff(fileName, text, edit.after),
    line: edit.line,
    previous: current,
    note: `This ${how}; ${previously(setting, final)}.${why}`,
  };
}

function previously(setting: Setting | undefined, final: Stage): string {
  if (setting === undefined) return `nothing set ${VARIABLE} before`;
  const value = quote(setting.property.getValue() ?? "");
  if (setting.stage === final) return `it was ${value}`;
  return `it was ${value}, inherited from stage ${stageLabel(setting.stage)}`;
}

/** Instructions before the first FROM (global ARGs) belong to no stage. */
function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction instanceof From) {
      stages.push({ index: stages.length, from: instruction, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

function stageLabel(stage: Stage): string {
  return stage.from.getBuildStage() ?? stage.from.getImage() ?? `#${stage.index + 1}`;
}

/**
 * The setting the image actually runs with: the last one in the final stage,
 * or else the one in the earlier stage it is built FROM, and so on up. A base
 * image from a registry may set it too, but that cannot be seen from here.
 */
function effectiveSetting(stages: Stage[], final: Stage): Setting | undefined {
  const seen = new Set<number>();
  let stage: Stage | undefined = final;
  while (stage !== undefined && !seen.has(stage.index)) {
    seen.add(stage.index);
    const property = lastSettingIn(stage);
    if (property !== undefined) return { stage, property };
    stage = parentStage(stages, stage);
  }
  return undefined;
}

function lastSettingIn(stage: Stage): Property | undefined {
  let found: Property | undefined;
  for (const instruction of stage.instructions) {
    if (!(instruction instanceof Env)) continue;
    for (const property of instruction.getProperties()) {
      // Environment variable names are case-sensitive: python_jit is another variable.
      if (property.getName() === VARIABLE) found = property;
    }
  }
  return found;
}

/** Stage names are matched case-insensitively, and only earlier stages can be named. */
function parentStage(stages: Stage[], stage: Stage): Stage | undefined {
  const image = stage.from.getImage()?.toLowerCase();
  if (image === undefined) return undefined;
  for (let i = stage.index - 1; i >= 0; i--) {
    const candidate = stages[i];
    if (candidate?.from.getBuildStage()?.toLowerCase() === image) return candidate;
  }
  return undefined;
}
