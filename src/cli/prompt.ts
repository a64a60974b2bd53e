import readline from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './support.ts';

/** The operator gave up at a prompt (Ctrl+C or end of input). */
export class PromptCancelled extends CliError {
  constructor() {
    super('Cancelled.');
    this.name = 'PromptCancelled';
  }
}

/**
 * Asks a question on the terminal without echoing the answer. readline's terminal mode puts the
 * TTY in raw mode and echoes through its output stream; muting that stream after the question is
 * written hides what is typed, line editing included.
 */
export function promptHidden(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<string> {
  let muted = false;
  const echo = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) output.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input, output: echo, terminal: true });
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      output.write('\n');
      if (!answered) reject(new PromptCancelled());
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}
