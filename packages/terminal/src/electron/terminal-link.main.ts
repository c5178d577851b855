// Main's only part in the traffic: start the terminal in a utility process and hand each window one end
// of a fresh MessageChannel, the other end to the terminal. Main never relays a message itself. It
// restarts a terminal that died (with a growing delay) and reconnects every window to the new one.
import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { PORT_CHANNEL } from './channels.ts';

export interface TerminalLinkOptions {
  /** The terminal process's entry module. */
  entry: string;
  args?: string[];
  execArgv?: string[];
  env?: Record<string, string>;
  /** Wait before restarting a terminal that died; doubles up to 30 s while it keeps dying. */
  restartDelayMs?: number;
  log?: (message: string) => void;
}

export class TerminalLink {
  private child: UtilityProcess | undefined;
  private readonly windows = new Set<WebContents>();
  private stopping = false;
  private delay: number;

  constructor(private readonly options: TerminalLinkOptions) {
    this.delay = options.restartDelayMs ?? 500;
  }

  start(): void {
    const child = utilityProcess.fork(this.options.entry, this.options.args ?? [], {
      serviceName: 'UiTPAS terminal',
      stdio: 'inherit',
      ...(this.options.execArgv === undefined ? {} : { execArgv: this.options.execArgv }),
      ...(this.options.env === undefined ? {} : { env: this.options.env }),
    });
    this.child = child;
    child.once('spawn', () => {
      this.delay = this.options.restartDelayMs ?? 500;
    });
    child.once('exit', (code) => {
      if (this.child === child) this.child = undefined;
      if (this.stopping) return;
      // A crash in a native reader or database module takes down the terminal, never the window.
      this.options.log?.(`terminal exited with code ${code}; restarting`);
      setTimeout(() => {
        if (this.stopping) return;
        this.start();
        for (const contents of this.windows) this.connect(contents);
      }, this.delay);
      this.delay = Math.min(this.delay * 2, 30_000);
    });
  }

  /** Gives this window a port to the terminal, replacing any previous one. */
  connect(contents: WebContents): void {
    if (!this.windows.has(contents)) {
      this.windows.add(contents);
      contents.once('destroyed', () => this.windows.delete(contents));
    }
    const child = this.child;
    if (child === undefined) return;
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage({ type: 'connect' }, [port1]);
    contents.postMessage(PORT_CHANNEL, null, [port2]);
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill();
    this.child = undefined;
  }
}
