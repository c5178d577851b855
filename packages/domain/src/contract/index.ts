export * from './views.ts';
export * from './commands.ts';
export * from './events.ts';
export * from './messages.ts';
export * from './client.ts';
export * from './kiosk.ts';
export * from './desk.ts';
export * from './rewards.ts';
