import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, SEVERITIES, type RuleSetting, type Settings } from '../core/types.js';

/** Server-side settings: the core's settings plus what only the server uses. */
export interface ServerSettings extends Settings {
  /** Push-mode debounce in ms (the benchmark sets 0). Pull requests are never debounced. */
  debounceMs: number;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { ...DEFAULT_SETTINGS, debounceMs: 120 };

/** Accepts whatever the client sends and keeps only well-formed values. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (v === 'off' || (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v))) rules[id] = v as RuleSetting;
    }
  }
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SERVER_SETTINGS.enable,
    rules,
    ignore: Array.isArray(r.ignore) ? r.ignore.filter((g): g is string => typeof g === 'string') : [],
    debounceMs: typeof r.debounceMs === 'number' && r.debounceMs >= 0 ? r.debounceMs : DEFAULT_SERVER_SETTINGS.debounceMs,
  };
}

/**
 * Settings per resource: pulled with `workspace/configuration` when the client supports it
 * (cached per document until the client says settings changed), else the last
 * `didChangeConfiguration` payload for every document.
 */
export class SettingsStore {
  private readonly perUri = new Map<string, Promise<ServerSettings>>();
  private global: ServerSettings = DEFAULT_SERVER_SETTINGS;

  constructor(private readonly connection: Connection, private readonly pull: boolean) {}

  get supportsPull(): boolean { return this.pull; }

  /** didChangeConfiguration: drop every cached value; keep the pushed payload as the fallback. */
  changed(payload: unknown): void {
    this.perUri.clear();
    const section = payload && typeof payload === 'object' ? (payload as Record<string, unknown>).secretzero : undefined;
    if (section !== undefined) this.global = normalizeSettings(section);
  }

  forget(uri: string): void { this.perUri.delete(uri); }

  get(uri: string): Promise<ServerSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let p = this.perUri.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'secretzero' })
        .then((raw) => (raw == null ? this.global : normalizeSettings(raw)), () => this.global);
      this.perUri.set(uri, p);
    }
    return p;
  }
}
