/**
 * A seeded Python MCP server module for the benchmark (FastMCP tools, httpx calls, pydantic models,
 * logging, env reads, caches), in the style of bench/generate.ts. Credentials are made up from
 * the seeded PRNG at run time.
 */
import { FAKE, rng, type Rng } from './generate';

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const NOUNS = ['weather', 'issue', 'ticket', 'repo', 'invoice', 'customer', 'order', 'document', 'page', 'channel', 'message', 'file', 'event', 'contact', 'deal', 'metric', 'alert', 'deployment', 'report', 'project', 'task', 'release'];
const VERBS = ['get', 'list', 'search', 'create', 'update', 'delete', 'fetch', 'sync', 'summarize', 'archive'];
const FIELDS = ['id', 'title', 'status', 'created_at', 'owner', 'labels', 'priority', 'url', 'description', 'count', 'region', 'name', 'email', 'amount', 'state', 'tags', 'cursor', 'page'];

interface PyOptions { lines: number; seed: number; findings?: number }

export function generatePyServer(opts: PyOptions): string {
  const r = rng(opts.seed);
  const out: string[] = [
    '"""MCP server generated for the secretzero benchmark."""',
    'from __future__ import annotations',
    '',
    'import logging',
    'import os',
    'import time',
    'from typing import Annotated, Any',
    '',
    'import httpx',
    'from mcp.server.fastmcp import FastMCP',
    'from pydantic import BaseModel, Field',
    '',
    'logger = logging.getLogger(__name__)',
    'mcp = FastMCP("bench")',
    'API_BASE = os.environ.get("API_BASE", "https://api.example.com")',
    'API_KEY = os.environ["SERVICE_API_KEY"]',
    '',
  ];
  let planted = 0;
  const want = opts.findings ?? 0;
  let n = 0;
  while (out.length < opts.lines) {
    n++;
    const noun = pick(r, NOUNS);
    const verb = pick(r, VERBS);
    const fields = Array.from({ length: int(r, 2, 6) }, () => pick(r, FIELDS));
    const model = `${noun[0].toUpperCase()}${noun.slice(1)}${n}`;
    out.push(`class ${model}(BaseModel):`);
    for (const f of new Set(fields)) out.push(`    ${f}: str | None = None`);
    out.push('');
    out.push('');
    out.push('@mcp.tool()');
    out.push(`async def ${verb}_${noun}_${n}(`);
    out.push(`    query: Annotated[str, Field(description="What to ${verb}")],`);
    out.push(`    limit: int = ${int(r, 5, 50)},`);
    out.push(`) -> list[dict[str, Any]]:`);
    out.push(`    """${verb[0].toUpperCase()}${verb.slice(1)} ${noun} records matching a query."""`);
    out.push(`    headers = {"Authorization": f"Bearer {API_KEY}", "Accept": "application/json"}`);
    out.push('    async with httpx.AsyncClient(timeout=30) as client:');
    out.push(`        response = await client.get(f"{API_BASE}/${noun}s", params={"q": query, "limit": limit}, headers=headers)`);
    out.push('        response.raise_for_status()');
    out.push(`    items = [${model}(**item) for item in response.json().get("items", [])]`);
    out.push(`    logger.info("${verb} ${noun}: %d results in %.1f s", len(items), time.monotonic())`);
    out.push(`    return [item.model_dump() for item in items if item.${fields[0]} is not None]`);
    out.push('');
    out.push('');
    if (planted < want && r() < 0.25) {
      planted++;
      out.push(`${noun.toUpperCase()}_TOKEN_${n} = "${FAKE.github(r)}"`);
      out.push('');
    }
  }
  while (planted < want) { planted++; out.push(`FALLBACK_TOKEN_${planted} = "${FAKE.github(r)}"`); }
  out.push('');
  out.push('if __name__ == "__main__":');
  out.push('    mcp.run()');
  out.push('');
  return out.join('\n');
}
