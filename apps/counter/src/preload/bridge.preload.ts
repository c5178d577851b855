// The counter page's narrow bridge to its terminal: the shared one (a single typed object, no ipcRenderer).
import { installBridge } from '@uitpas/terminal/electron-preload';

installBridge();
