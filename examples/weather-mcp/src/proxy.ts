import type { IncomingMessage } from 'node:http';

// Mistake: the caller's token is forwarded upstream (token passthrough); the server should
// exchange it for a token issued to itself instead.
export async function upstreamAlerts(req: IncomingMessage) {
  const token = req.headers.authorization;
  return fetch('https://alerts.example.net/v1/alerts', { headers: { Authorization: token ?? '' } });
}
