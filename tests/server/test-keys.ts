/**
 * The keys of the servers under test, as a deployment gives them: in the environment (never in
 * the database). Made once per test file, so every App and every server process a test starts
 * on one database agrees, as the instances of one deployment do.
 */
import { randomBytes } from 'node:crypto';
import { jwkThumbprint } from '../../server/keys/jwk';
import { generateSealingKeyPair } from '../../src/lib/domain/sealed-box';

let made: Promise<Record<string, string>> | undefined;

async function make(): Promise<Record<string, string>> {
	const pair = await generateSealingKeyPair();
	return {
		SEALING_PRIVATE_KEY: JSON.stringify({ ...pair.privateKey, kid: `test-${jwkThumbprint(pair.publicKey).slice(0, 8)}` }),
		PERSON_KEY_SECRET: randomBytes(32).toString('base64url'),
		QC_SAMPLING_SECRET: randomBytes(32).toString('base64url')
	};
}

/** SEALING_PRIVATE_KEY, PERSON_KEY_SECRET and QC_SAMPLING_SECRET for this test file. */
export function testKeyEnv(): Promise<Record<string, string>> {
	made ??= make();
	return made;
}
