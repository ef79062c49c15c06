// Mistake: IMDSv1 — a plain GET to the instance metadata service, open to SSRF.
const METADATA = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';

export async function instanceCredentials(role: string) {
  const res = await fetch(`${METADATA}${role}`);
  return res.json();
}
