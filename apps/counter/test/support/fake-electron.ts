// Stands in for the `electron` module, which cannot be downloaded or run here. Only the boundary is fake:
// ports are Node's real MessageChannel, the utility process is a real child process (child_process.fork)
// whose `process.parentPort` is installed by utility-shim.ts and bridged over the child's IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/** Electron's MessagePortMain: `on('message', e => e.data)`, over a real Node MessagePort. */
export class FakePortMain extends EventEmitter {
  constructor(readonly port: MessagePort) {
    super();
    port.on('message', (data: unknown) => this.emit('message', { data, ports: [] }));
    port.on('close', () => this.emit('close'));
  }
  postMessage(message: unknown): void {
    this.port.postMessage(message);
  }
  start(): void {
    this.port.start();
  }
  close(): void {
    this.port.close();
  }
}

export class MessageChannelMain {
  readonly port1: FakePortMain;
  readonly port2: FakePortMain;
  constructor() {
    const channel = new MessageChannel();
    this.port1 = new FakePortMain(channel.port1);
    this.port2 = new FakePortMain(channel.port2);
  }
}

const SHIM = fileURLToPath(new URL('./utility-shim.ts', import.meta.url));

/** A UtilityProcess: a real child process; ports handed to it are bridged over its IPC channel. */
export class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;
  private ready = false;
  private readonly queue: [unknown, FakePortMain[]][] = [];
  private nextPortId = 1;
  private readonly ports = new Map<number, FakePortMain>();

  constructor(
    modulePath: string,
    args: string[],
    options: { execArgv?: string[]; env?: Record<string, string> },
  ) {
    super();
    this.child = fork(SHIM, [modulePath, ...args], {
      execArgv: options.execArgv ?? [],
      env: options.env ?? process.env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (raw) => {
      const message = raw as { t: string; portId?: number; data?: unknown };
      if (message.t === 'ready') {
        this.ready = true;
        this.emit('spawn');
        for (const [data, ports] of this.queue.splice(0)) this.postMessage(data, ports);
      } else if (message.t === 'port-message' && message.portId !== undefined) {
        this.ports.get(message.portId)?.postMessage(message.data);
      }
    });
    this.child.on('exit', (code) => this.emit('exit', code ?? 1));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(data: unknown, transfer: FakePortMain[] = []): void {
    if (!this.ready) {
      this.queue.push([data, transfer]);
      return;
    }
    const portIds = transfer.map((port) => {
      const portId = this.nextPortId++;
      this.ports.set(portId, port);
      port.on('message', (event: { data: unknown }) => {
        if (this.child.connected) this.child.send({ t: 'port-message', portId, data: event.data });
      });
      port.start();
      return portId;
    });
    this.child.send({ t: 'parent-message', data, portIds });
  }

  kill(): boolean {
    return this.child.kill();
  }
}

export class FakeWebContents extends EventEmitter {
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly rendererListeners = new Map<
    string,
    ((event: { ports: MessagePort[] }, ...args: unknown[]) => void)[]
  >();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Main → renderer: delivered to the preload's ipcRenderer listeners, ports as DOM-style MessagePorts. */
  postMessage(channel: string, _message: unknown, transfer: FakePortMain[] = []): void {
    for (const listener of ipcRendererListeners.get(channel) ?? [])
      listener({ ports: transfer.map((p) => p.port) });
  }
}

const ipcMain = new EventEmitter();
const ipcRendererListeners = new Map<string, ((event: { ports: MessagePort[] }) => void)[]>();
/** The window whose preload is "running": ipcRenderer messages come from it. */
let currentContents: FakeWebContents | undefined;

export const exposed = new Map<string, unknown>();
export const windows: FakeBrowserWindow[] = [];
export const utilityProcesses: FakeUtilityProcess[] = [];
export const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
export const privilegedSchemes: unknown[] = [];

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  constructor(readonly options: Record<string, unknown>) {
    super();
    windows.push(this);
    currentContents = this.webContents;
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.emit('ready-to-show');
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

class FakeApp extends EventEmitter {
  singleInstance = true;
  quitCalled = false;
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  quit(): void {
    this.quitCalled = true;
  }
  async whenReady(): Promise<void> {}
}
export const app = new FakeApp();

export const permissionHandlers: {
  request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  check?: () => boolean;
  device?: () => boolean;
  beforeRequest?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
} = {};

const defaultSession = {
  setPermissionRequestHandler: (h: typeof permissionHandlers.request) => (permissionHandlers.request = h),
  setPermissionCheckHandler: (h: typeof permissionHandlers.check) => (permissionHandlers.check = h),
  setDevicePermissionHandler: (h: typeof permissionHandlers.device) => (permissionHandlers.device = h),
  webRequest: {
    onBeforeRequest: (h: typeof permissionHandlers.beforeRequest) => (permissionHandlers.beforeRequest = h),
  },
};

export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Menu: { setApplicationMenu: () => {} },
  MessageChannelMain,
  session: { defaultSession },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
      protocolHandlers.set(scheme, handler),
  },
  utilityProcess: {
    fork(
      modulePath: string,
      args: string[] = [],
      options: { execArgv?: string[]; env?: Record<string, string> } = {},
    ) {
      const child = new FakeUtilityProcess(modulePath, args, options);
      utilityProcesses.push(child);
      return child;
    },
  },
  ipcMain,
  ipcRenderer: {
    on(channel: string, listener: (event: { ports: MessagePort[] }) => void) {
      ipcRendererListeners.set(channel, [...(ipcRendererListeners.get(channel) ?? []), listener]);
    },
    /** Renderer → main, from the window's main frame (its URL is what main checks). */
    send(channel: string, ...args: unknown[]) {
      const sender = currentContents;
      ipcMain.emit(channel, { sender, senderFrame: { url: sender?.url ?? '' } }, ...args);
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
  },
};
