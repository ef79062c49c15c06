// Configuration for the weather MCP server.
export const config = {
  port: Number(process.env.PORT ?? 3000),
  region: process.env.AWS_REGION ?? 'eu-west-1',
  // Mistake: a real-looking provider key committed to the repository.
  openWeatherApiKey: 'sk-proj-Wn4Xq8Lr2Tz6Yb1Kc9MvT3BlbkFJ3Hd7Fs5Gj0Pa2Ue4Rw8Ty6Io1Nq',
  // Fine: read from the environment.
  githubToken: process.env.GITHUB_TOKEN,
  // Fine: a placeholder in documentation style.
  slackToken: 'xoxb-your-token-here',
  tokenRefreshIntervalMs: 3_600_000,
};
