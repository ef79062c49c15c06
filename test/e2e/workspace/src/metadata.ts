// Loads the instance role's credentials for the S3 uploads.
const IMDS = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';

interface RoleCredentials { AccessKeyId: string; SecretAccessKey: string; Token: string }

export async function roleCredentials() {
  const role = await (await fetch(IMDS)).text();
  const c = (await (await fetch(`${IMDS}${role}`)).json()) as RoleCredentials;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.Token };
}
