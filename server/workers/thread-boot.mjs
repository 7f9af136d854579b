// Loads the TypeScript worker entry through tsx's scoped loader. Node 20 does not apply the parent's
// (or an execArgv `--import tsx`) loader hooks inside worker threads, so the entry cannot be
// started directly from a .ts file under `tsx` or vitest; tsImport works under both.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
