// Where one run of `ogp` reads its settings and writes its output. The real command uses the process's
// own streams and environment; tests run the same program in-process with their own, which saves a
// child process (tsx start-up and module loading) per command.

export interface CliStream extends NodeJS.WritableStream {
  /** Progress bars are drawn only on a terminal. */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  /** True when a person at a terminal can answer a prompt. */
  interactive: boolean;
}

interface CliRun {
  io: CliIo;
  exitCode: number;
}

// One run at a time per process, held in a plain variable: AsyncLocalStorage would cost every promise
// of a long import or export a hook on Node 20.
let current: CliRun | undefined;

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, interactive: process.stdin.isTTY === true };
}

/** The io of the run in progress; the process's own when the program is driven without `runWithIo`. */
export function cliIo(): CliIo {
  return current?.io ?? processIo();
}

/** Marks the run in progress as failed: its exit status becomes 1. */
export function failRun(): void {
  if (current) current.exitCode = 1;
  // exitCode rather than exit(): stdout and stderr are flushed before the process ends.
  else process.exitCode = 1;
}

/** Runs `body` with `io` as every command's output and environment, and gives back the exit status. */
export async function runWithIo(io: CliIo, body: () => Promise<number | undefined>): Promise<number> {
  if (current) throw new Error('ogp is already running in this process; runs must not overlap');
  const run: CliRun = { io, exitCode: 0 };
  current = run;
  try {
    return (await body()) ?? run.exitCode;
  } finally {
    current = undefined;
  }
}
