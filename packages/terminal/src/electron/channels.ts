// IPC names shared by the Electron main, the preload and the renderer of both apps. Plain constants.
/** The preload asks main for a link to the terminal on this channel... */
export const CONNECT_CHANNEL = 'terminal:connect';
/** ...and receives its MessagePort on this one. */
export const PORT_CHANNEL = 'terminal:port';
/** The one object the preload exposes on `window`. */
export const BRIDGE_KEY = 'uitpasTerminal';
