/** Replaced at bundle time by esbuild's `define`; the source fallback keeps tests honest. */
declare const __SECRETZERO_VERSION__: string | undefined;
export const VERSION: string = typeof __SECRETZERO_VERSION__ === 'string' ? __SECRETZERO_VERSION__ : '0.1.0';
