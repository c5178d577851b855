// Names shared by main, preload and renderer. Plain constants: safe in every process.
export const APP_SCHEME = 'app';
export const APP_HOST = 'counter';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The preload asks main for a link to the terminal on this channel... */
export const CONNECT_CHANNEL = 'terminal:connect';
/** ...and receives its MessagePort on this one. */
export const PORT_CHANNEL = 'terminal:port';
/** The one object the preload exposes on `window`. */
export const BRIDGE_KEY = 'uitpasTerminal';
