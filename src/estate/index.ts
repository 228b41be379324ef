// The estate module's pure API: the normalized model and buildEstate. Loading from disk is in
// ./load.js (import it directly: it touches the file system, which the core must not).
export type * from './model.js';
export {
  buildEstate,
  buildEstateWithStats,
  type RawDocument,
  type BuildOptions,
  type BuildResult,
} from './build.js';
export { SnapshotError, formatProblem } from './errors.js';
