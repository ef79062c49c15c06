/**
 * Node flags the language server is started with by the VS Code extension, and by the latency
 * benchmark, which measures the server as the extension runs it.
 *
 * `--v8-pool-size=0`: Node sizes V8's pool of background threads (parallel scavenges, concurrent
 * marking, optimising compilers) from the machine's cores instead of its fixed 4. On a 2-core
 * machine the four threads, the editor and the server's main thread competed for the cores: in the
 * slowest 5 % of keystrokes the main thread waited 2.5–4 ms for one (schedstat), and with the
 * pool sized to the cores that wait fell to under 1 ms (bench/README.md, 2026-12-06 11:00).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--v8-pool-size=0'];
