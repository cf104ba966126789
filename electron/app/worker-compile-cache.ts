// The database worker's first import: turns the compile cache on for this thread before the rest of
// the worker's modules load (imports run in order), in the folder the main process named.
import { isMainThread, workerData } from 'node:worker_threads';
import { enableCompileCache } from './compile-cache';

const dataDir = isMainThread ? undefined : (workerData as { compileCacheDataDir?: string } | null)?.compileCacheDataDir;
if (dataDir) enableCompileCache(dataDir);
