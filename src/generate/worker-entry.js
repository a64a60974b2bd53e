// A worker thread starts without the tsx loader its parent may have registered, so it loads the
// TypeScript worker through tsx's own API (scoped to this import, harmless if tsx is already active).
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
