import type { AnalysisContext } from '../../context.js';
import type { PyFileIndex } from '../fileIndex.js';
import { checkPyHardcodedLiterals } from './hardcodedCredential.js';

export type PyRule = (ctx: AnalysisContext, idx: PyFileIndex) => void;

/** Every Python rule, run over one shared parse and file index of the document. */
export const PY_RULES: readonly PyRule[] = [
  checkPyHardcodedLiterals,
];
