import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether tmux is installed; the pseudo-terminal test skips (with a message) when it is not. */
export async function hasTmux(): Promise<boolean> {
  try {
    await run('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
}

/**
 * A program running in a real pseudo-terminal: a detached tmux session of a fixed size on a private
 * server socket (so it never touches the user's tmux), driven with send-keys and read with capture-pane.
 */
export class TmuxSession {
  private constructor(
    private readonly socket: string,
    readonly name: string,
  ) {}

  static async start(
    command: string,
    options: { columns: number; rows: number; env: Record<string, string> },
  ) {
    const socket = `edgekit-test-${process.pid}-${Date.now()}`;
    const session = new TmuxSession(socket, 'edgekit');
    const envArgs = Object.entries(options.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    await run('tmux', [
      '-L',
      socket,
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      session.name,
      '-x',
      String(options.columns),
      '-y',
      String(options.rows),
      ...envArgs,
      // A person's terminal: Ink renders only the final frame when CI is set (is-in-ci), and the
      // test runner's FORCE_COLOR would override the NO_COLOR the test asks for.
      // Keep the pane after the program exits, so a crash can still be read.
      `unset CI CONTINUOUS_INTEGRATION FORCE_COLOR; ${command}; echo "[exited $?]"; sleep 600`,
    ]);
    return session;
  }

  async screen(): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, 'capture-pane', '-p', '-t', this.name]);
    return stdout;
  }

  /** tmux key names (`Tab`, `Enter`, `Escape`) or literal text with `literal`. */
  async keys(keys: string, literal = false): Promise<void> {
    await run('tmux', [
      '-L',
      this.socket,
      'send-keys',
      '-t',
      this.name,
      ...(literal ? ['-l'] : []),
      '--',
      keys,
    ]);
  }

  /** Polls the pane until it satisfies `predicate`; the limit guards against hangs, it asserts no timing. */
  async waitFor(
    predicate: string | RegExp | ((screen: string) => boolean),
    limitMs = 60_000,
  ): Promise<string> {
    const test =
      typeof predicate === 'function'
        ? predicate
        : typeof predicate === 'string'
          ? (s: string) => s.includes(predicate)
          : (s: string) => predicate.test(s);
    const deadline = Date.now() + limitMs;
    for (;;) {
      const screen = await this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline)
        throw new Error(`pane never showed ${String(predicate)}; it shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async kill(): Promise<void> {
    await run('tmux', ['-L', this.socket, 'kill-server']).catch(() => undefined);
  }
}
