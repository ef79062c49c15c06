import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import vault from 'node-vault';

const sm = new SecretsManagerClient({ region: process.env.AWS_REGION });

// Mistake: fetched once at start-up and kept forever; a rotated secret is never picked up.
const dbSecret = await sm.send(new GetSecretValueCommand({ SecretId: 'weather/db' }));

// Mistake: a long-lived token from the environment instead of AppRole / Kubernetes auth.
const vaultClient = vault({ endpoint: 'https://vault.internal:8200', token: process.env.VAULT_TOKEN });

export async function loadSecrets() {
  try {
    return await vaultClient.read('secret/data/weather');
  } catch (err) {
    // Mistake: the server starts anyway, without its credentials.
    console.error('could not load secrets', err);
  }
}

export function dbPassword(): string | undefined {
  return dbSecret.SecretString;
}
