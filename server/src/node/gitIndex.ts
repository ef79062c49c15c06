import * as fs from 'node:fs';

/**
 * The paths recorded in a git index file (`.git/index`, versions 2–4). Read directly rather than
 * by running `git`: a workspace's git config can name programs (core.fsmonitor, hooks) that would
 * run, and secretzero executes nothing from the workspace.
 */
export function readGitIndexPaths(indexPath: string): Set<string> | undefined {
  let buf: Buffer;
  try { buf = fs.readFileSync(indexPath); } catch { return undefined; }
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = buf.readUInt32BE(4);
  const count = buf.readUInt32BE(8);
  if (version < 2 || version > 4) return undefined;
  const paths = new Set<string>();
  let offset = 12;
  let previous = '';
  for (let i = 0; i < count && offset < buf.length; i++) {
    const flags = buf.readUInt16BE(offset + 60);
    const extended = version >= 3 && (flags & 0x4000) !== 0;
    let p = offset + 62 + (extended ? 2 : 0);
    let name: string;
    if (version === 4) {
      // Path is prefix-compressed against the previous entry: a varint of bytes to drop, then the suffix.
      let drop = 0;
      let byte: number;
      do {
        byte = buf[p++];
        drop = (drop << 7) | (byte & 0x7f);
        if (byte & 0x80) drop += 1;
      } while (byte & 0x80);
      const end = buf.indexOf(0, p);
      name = previous.slice(0, previous.length - drop) + buf.toString('utf8', p, end);
      offset = end + 1;
    } else {
      const end = buf.indexOf(0, p);
      name = buf.toString('utf8', p, end);
      const entryLength = end - offset + 1;
      offset += Math.ceil(entryLength / 8) * 8; // entries are NUL-padded to a multiple of 8 bytes
    }
    paths.add(name);
    previous = name;
  }
  return paths;
}
