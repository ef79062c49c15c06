import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { config } from './config.js';
import { pool } from './db.js';

const server = new McpServer({ name: 'weather', version: '1.0.0' });

server.tool('forecast', { city: z.string() }, async ({ city }) => {
  const res = await fetch(`https://api.openweathermap.org/data/2.5/forecast?q=${encodeURIComponent(city)}`, {
    headers: { 'x-api-key': config.openWeatherApiKey },
  });
  const body = await res.json();
  await pool.query('insert into lookups(city) values ($1)', [city]);
  return { content: [{ type: 'text', text: JSON.stringify(body) }] };
});

await server.connect(new StdioServerTransport());
