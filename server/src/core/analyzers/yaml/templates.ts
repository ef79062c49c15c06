/**
 * Go/Helm template actions (`{{ … }}`) make most chart templates invalid YAML. Blanking them out,
 * character for character, recovers the structure without moving any offset: an action alone on
 * its line (`{{- range … }}`, `{{- toYaml … | nindent 8 }}`) becomes spaces, an inline one
 * (`name: {{ include "x" . }}`) becomes a run of `x`, which every rule reads as a placeholder.
 * GitHub expressions (`${{ … }}`) are left alone: they are valid YAML text.
 */
export function neutralizeTemplates(text: string): string {
  if (!text.includes('{{')) return text;
  return text.replace(/(?<!\$)\{\{[\s\S]*?\}\}/g, (action, offset: number) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const nl = text.indexOf('\n', offset + action.length);
    const lineEnd = nl < 0 ? text.length : nl;
    const rest = (text.slice(lineStart, offset) + text.slice(offset + action.length, lineEnd)).replace(/(?<!\$)\{\{[\s\S]*?\}\}/g, '');
    const alone = rest.trim() === '' || action.includes('\n');
    return action.replace(/[^\r\n]/g, alone ? ' ' : 'x');
  });
}

/** True when a source slice holds a template action (its value is decided at render time). */
export function hasTemplateAction(raw: string): boolean {
  return /(?<!\$)\{\{[\s\S]*?\}\}/.test(raw);
}
