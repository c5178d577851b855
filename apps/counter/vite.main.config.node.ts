// Bundles the Electron main process and the terminal utility process into dist/ (see scripts/electron-build.ts).
import { electronMainConfig } from '../../scripts/electron-build.ts';

export default electronMainConfig(new URL('./', import.meta.url));
