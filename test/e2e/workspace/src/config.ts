// Configuration for the weather MCP server.
export const config = {
  port: Number(process.env.PORT ?? 3000),
  // A provider key committed to the repository: only "Scan Workspace" shows it while the file is closed.
  openWeatherApiKey: 'sk-proj-Qm9vX3tZ8rL2wN5pK7jHT3BlbkFJ4gF6dS1aY0uE9iO3bV8cT2xR',
  githubToken: process.env.GITHUB_TOKEN,
};
