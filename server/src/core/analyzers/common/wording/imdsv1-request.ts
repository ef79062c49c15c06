import { message, type Message } from '../../../secrets/message.js';

/**
 * imdsv1-request, in every language: what a metadata URL looks like, which header makes a request
 * IMDSv2, what kind of lookup a path is, and the finding's sentences and fix titles. The analyzers
 * find the request and evaluate its URL (marking parts they cannot know with UNKNOWN_PART).
 */
export const IMDS_RULE = 'imdsv1-request';

/** The instance metadata service's addresses, as a metadata URL must spell them. */
export const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254'];
/** Stands for a part of a URL the analysis cannot know (a parameter, a call). */
export const UNKNOWN_PART = '\u0000';
const IMDS_URL = /^https?:\/\/(?:169\.254\.169\.254|\[fd00:ec2::254\])(?::80)?(\/latest\/meta-data(?=[/?#\0]|$).*)$/is;
const CREDENTIALS_PATH = /^\/latest\/meta-data\/iam\/security-credentials\/?(.*)$/s;
/** The session-token header; not its `-ttl-seconds` sibling, which only the token PUT sends. */
export const TOKEN_HEADER = /x-aws-ec2-metadata-token(?![-\w])/i;

/** The path from `/latest/meta-data` on when the URL is an instance metadata URL. */
export function metadataPath(url: string | undefined): string | undefined {
  return url === undefined ? undefined : IMDS_URL.exec(url)?.[1];
}

/**
 * What a metadata path reads: a role's credentials (`…/security-credentials/<role>`), the role
 * listing (`…/security-credentials/`), or other metadata.
 */
export type MetadataLookup = 'credentials' | 'role-listing' | 'other';

export function metadataLookupOf(path: string): MetadataLookup {
  const creds = CREDENTIALS_PATH.exec(path);
  if (!creds) return 'other';
  return creds[1].replace(/[?#].*$/, '').length > 0 ? 'credentials' : 'role-listing';
}

/** The path as a message shows it: unknown parts as `…`. */
export function shownMetadataPath(path: string): string {
  return path.replaceAll(UNKNOWN_PART, '…');
}

/** How the advice names the SDK's credential provider: mid-sentence and at a sentence start. */
export interface CredentialProviderWords { inSentence: Message; atStart: Message }

export function imdsAdvice(lookup: MetadataLookup, provider: CredentialProviderWords): Message {
  if (lookup === 'credentials') return message`Let ${provider.inSentence} fetch the role credentials: it speaks IMDSv2 and refreshes them before they expire.`;
  if (lookup === 'role-listing') return message`${provider.atStart} finds the role itself: fetch the credentials with it and drop this lookup.`;
  return message`Request a session token with PUT /latest/api/token first and send it in the X-aws-ec2-metadata-token header.`;
}

export function imdsMessage(shownPath: string, advice: Message): Message {
  return message`IMDSv1 request: a GET to the instance metadata service (${shownPath}) without an X-aws-ec2-metadata-token header. Server-side request forgery can replay it to steal the instance role's credentials, and instances that require IMDSv2 reject it. ${advice}`;
}

export interface ProviderFixWords {
  /** `fromInstanceMetadata() from @aws-sdk/credential-providers (IMDSv2)` */
  provider: string;
  addsImport: boolean;
  /** Metadata field → the provider's name for it, for each field the fix renamed. */
  renames: Array<[string, string]>;
  /** Said when the result is used for more than credentials (its fields differ from the metadata's). */
  caveat?: string;
}

export function imdsProviderTitle(w: ProviderFixWords): string {
  let title = `secretzero (${IMDS_RULE}): get the role credentials with ${w.provider}`;
  if (w.addsImport) title += ', adding the import';
  if (w.renames.length) title += `; renames ${w.renames.map((r) => r[0]).join('/')} to ${w.renames.map((r) => r[1]).join('/')}`;
  if (w.caveat) title += `; ${w.caveat}`;
  return title;
}

export function imdsRemoveLookupTitle(name: string): string {
  return `secretzero (${IMDS_RULE}): remove the unused metadata lookup (${name} is not used)`;
}
