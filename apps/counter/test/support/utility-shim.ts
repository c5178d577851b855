// Runs in the child process that stands in for Electron's utility process: installs `process.parentPort`
// (Electron's ParentPort) with MessagePortMain-like ports bridged over the IPC channel, then loads the
// real terminal entry given as the first argument.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

class BridgedPort extends EventEmitter {
  constructor(private readonly portId: number) {
    super();
  }
  postMessage(data: unknown): void {
    process.send?.({ t: 'port-message', portId: this.portId, data });
  }
  start(): void {}
  close(): void {
    ports.delete(this.portId);
    this.emit('close');
  }
}

const ports = new Map<number, BridgedPort>();
const parentPort = new EventEmitter();
Object.assign(process, { parentPort });

process.on('message', (raw) => {
  const message = raw as { t: string; data?: unknown; portIds?: number[]; portId?: number };
  if (message.t === 'parent-message') {
    const transferred = (message.portIds ?? []).map((id) => {
      const port = new BridgedPort(id);
      ports.set(id, port);
      return port;
    });
    parentPort.emit('message', { data: message.data, ports: transferred });
  } else if (message.t === 'port-message' && message.portId !== undefined) {
    ports.get(message.portId)?.emit('message', { data: message.data, ports: [] });
  }
});

const entry = process.argv[2];
if (entry === undefined) throw new Error('utility-shim needs the entry module as its first argument');
await import(pathToFileURL(entry).href);
process.send?.({ t: 'ready' });
