// A worker thread does not inherit the TypeScript loader its process was started with (Node 20): this registers
// tsx in the thread, then loads the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./search-thread.worker.ts');
