import Database from 'better-sqlite3';
import { ipcRenderer } from 'electron';

export const db = new Database(':memory:');
export const send = ipcRenderer.send;
