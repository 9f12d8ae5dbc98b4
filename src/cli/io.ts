/**
 * Everything a command touches outside itself, passed in so tests can capture output, fix the clock
 * and never exit the process.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines redraw in place only on a terminal; elsewhere they are not printed at all. */
  stderrIsTTY: boolean;
  now: () => Date;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    now: () => new Date(),
    cwd: process.cwd(),
  };
}
