/**
 * The harness's messages (src/harness/_jitbench_main.py), validated at the
 * border: one JSON object per line on the harness's private channel, each
 * with a `type`. A line that does not parse, or parses to something not
 * listed here, is a protocol error and fails the process.
 */
import { z } from "zod";
import {
  ClockResolutionSchema,
  EngagementSchema,
  FingerprintSchema,
  InterpreterSchema,
  JitStateSchema,
} from "../core/results.js";

const versionTriple = z.tuple([z.number().int(), z.number().int(), z.number().int()]);
const finiteNonNegative = z.number().finite().nonnegative();

export const HelloSchema = z.object({
  type: z.literal("hello"),
  protocol: z.literal(1),
  implementation: z.string().max(100),
  version: versionTriple,
});

/** Sent by the version gate instead of hello when the interpreter is older than 3.9. */
export const TooOldSchema = z.object({
  type: z.literal("too-old"),
  version: z.string().max(100),
  implementation: z.string().max(100),
  minimum: z.string().max(20),
});

export const ProbeMessageSchema = z.object({
  type: z.literal("probe"),
  interpreter: InterpreterSchema,
  fingerprint: FingerprintSchema,
  jit: JitStateSchema,
});

export const BenchmarkEntrySchema = z.object({
  name: z.string().min(1).max(500),
  file: z.string().max(4096),
  async: z.boolean(),
});

export const DISCOVERY_PROBLEM_KINDS = [
  /** The file could not be imported; the reason is the exception. */
  "import",
  /** A bench_* function needs arguments, so it cannot be called. */
  "arguments",
] as const;

export const DiscoveryProblemSchema = z.object({
  file: z.string().max(4096),
  kind: z.enum(DISCOVERY_PROBLEM_KINDS),
  reason: z.string().max(5000),
});

export const DiscoveryMessageSchema = z.object({
  type: z.literal("discovery"),
  benchmarks: z.array(BenchmarkEntrySchema).max(100_000),
  problems: z.array(DiscoveryProblemSchema).max(100_000),
  missing: z.array(z.string().max(4096)).max(100_000),
});

export const CalibrationMessageSchema = z.object({
  type: z.literal("calibration"),
  loops: z.number().int().positive(),
  ns: finiteNonNegative,
  /** Per-call cost of the empty timing loop, which every value includes (see _jitbench_run.py). */
  overheadNs: finiteNonNegative,
  /** The smallest step each clock was seen to take in the calibrating process. */
  resolutionNs: ClockResolutionSchema,
});

/** Where a timed process pinned itself (asked with a CPU slot): the CPU, or why it could not. */
export const PinSchema = z.object({
  cpu: z.number().int().nonnegative().nullable(),
  reason: z.string().max(500).nullable(),
  /** CPUs the process was allowed before pinning; null where the platform cannot tell. */
  cpus: z.number().int().nonnegative().nullable(),
});

export const ReadyMessageSchema = z.object({
  type: z.literal("ready"),
  jit: JitStateSchema,
  pin: PinSchema.optional(),
});

/** One value per call: `ns` on the run's timer, and both clocks' readings. */
export const ValueMessageSchema = z.object({
  type: z.literal("value"),
  ns: finiteNonNegative,
  wallNs: finiteNonNegative,
  cpuNs: finiteNonNegative,
  /** How long the thread was ready to run but waited for a CPU; absent where the system cannot tell. */
  queueNs: finiteNonNegative.optional(),
});

export const DoneMessageSchema = z.object({
  type: z.literal("done"),
  peakRssKb: finiteNonNegative.nullable(),
  jit: JitStateSchema,
  /** Whether a stack sampler was loaded in this timed process: it never should be. */
  sampler: z.boolean(),
  /** Where the JIT compiled code after the baseline; null when the build cannot tell. */
  engagement: EngagementSchema.nullable(),
  /** The empty timing loop's cost per call in this process, after its values. */
  loopOverheadNs: finiteNonNegative,
  /** The system's 1-minute load average after the values; null where it has none. */
  loadAverage: finiteNonNegative.nullable(),
});

/**
 * Bounds of a profile as the harness's sampler keeps them
 * (src/harness/_jitbench_profile.py): distinct stacks, and one stack's text
 * (256 frames of at most 300 characters, with separators).
 */
export const PROFILE_MESSAGE_LIMITS = { stacks: 20_000, stackChars: 100_000 } as const;

const wholeCount = z.number().int().nonnegative();

export const ProfileMessageSchema = z.object({
  type: z.literal("profile"),
  method: z.string().max(200),
  intervalS: z.number().finite().positive(),
  /** How long the benchmark was called while sampling, in seconds. */
  seconds: finiteNonNegative,
  calls: wholeCount,
  /** Samples inside the benchmark: the sum of the stacks' counts. */
  samples: wholeCount,
  /** Samples taken between calls, or while an async benchmark waited. */
  outside: wholeCount,
  /** Samples left out because the profile reached its bounds. */
  dropped: wholeCount,
  stacks: z
    .record(z.string().min(1).max(PROFILE_MESSAGE_LIMITS.stackChars), z.number().int().positive())
    .refine((stacks) => Object.keys(stacks).length <= PROFILE_MESSAGE_LIMITS.stacks, {
      message: `holds more than ${PROFILE_MESSAGE_LIMITS.stacks} distinct stacks`,
    }),
  async: z.boolean(),
  jit: JitStateSchema,
});

/** The answer of the hidden `probe-parse` command, used by tests with canned build facts. */
export const JitMessageSchema = z.object({ type: z.literal("jit"), jit: JitStateSchema });

export const ERROR_KINDS = [
  /** The benchmark (or its module, at import) raised. */
  "exception",
  /** The benchmark raised SystemExit. */
  "exit",
  /** Importing the benchmark's file raised. */
  "import",
  /** The file or the function is not there. */
  "missing",
  /** The project root cannot be entered. */
  "root",
  /** The request was malformed: a bug on this side. */
  "request",
  "harness",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export const ErrorMessageSchema = z.object({
  type: z.literal("error"),
  kind: z.enum(ERROR_KINDS),
  message: z.string().max(10_000),
  exceptionType: z.string().max(500).optional(),
  where: z.string().max(5000).nullable().optional(),
  traceback: z.array(z.string().max(5000)).max(100).optional(),
  exitCode: z.number().int().optional(),
  file: z.string().max(4096).nullable().optional(),
});

export const MessageSchema = z.discriminatedUnion("type", [
  HelloSchema,
  TooOldSchema,
  ProbeMessageSchema,
  DiscoveryMessageSchema,
  CalibrationMessageSchema,
  ReadyMessageSchema,
  ValueMessageSchema,
  DoneMessageSchema,
  ProfileMessageSchema,
  JitMessageSchema,
  ErrorMessageSchema,
]);
export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message["type"];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
export type ErrorMessage = MessageOf<"error">;

/** Longest line accepted from the harness; anything longer is not something it would send. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export type ParsedLine = { ok: true; message: Message } | { ok: false; problem: string };

/** Parses one line of the channel. Never throws: a bad line becomes a problem in words. */
export function parseLine(line: string): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, problem: `a line that is not JSON: ${snippet(line)}` };
  }
  const parsed = MessageSchema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.map(String).join(".")}` : "";
  return {
    ok: false,
    problem: `a message the protocol does not allow (${issue?.message ?? "invalid"}${at}): ${snippet(line)}`,
  };
}

export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 3)}...` : flat);
}
