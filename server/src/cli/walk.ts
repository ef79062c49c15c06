// The walk is shared with the language server's workspace scan: it lives in server/src/node/.
export { explainEmptyScan, SKIPPED_DIRS, skipByName, walk, type WalkResult } from '../node/walk.js';
