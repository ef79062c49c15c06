import type ts from 'typescript';
import type { SecretSourceOf } from '../../common/secretSource.js';

export type { SecretSourceKind } from '../../common/secretSource.js';

/** Why a TS/JS expression carries a secret (the language-neutral shape: common/secretSource.ts). */
export type SecretSource = SecretSourceOf<ts.Node>;
