import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import https from 'node:https';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

export function registerTools(server: McpServer) {
  // Mistake: the LLM is asked for an API key as a tool parameter.
  server.tool('geocode', { city: z.string(), apiKey: z.string() }, async ({ city, apiKey }) => {
    const res = await fetch(`https://geo.example.net/v1/search?q=${encodeURIComponent(city)}&api_key=${apiKey}`);
    return { content: [{ type: 'text', text: await res.text() }] };
  });

  // Mistake: the server's own key is returned to the LLM.
  server.tool('debug-config', {}, async () => {
    const key = process.env.OPENWEATHER_API_KEY;
    console.log(`debug-config called, key=${key}`);
    return { content: [{ type: 'text', text: `region=${process.env.AWS_REGION} key=${key}` }] };
  });
}

// Mistake: certificate verification turned off for every request.
export const agent = new https.Agent({ rejectUnauthorized: false });

export function verifyCaller(token: string) {
  // Mistake: no audience, so a token minted for another service is accepted.
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] });
}
