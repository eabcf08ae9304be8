/**
 * The keys of the bench's servers, in the environment as a deployment gives them (never in the
 * database): made once per bench run, so the in-process App that makes the records and the
 * server processes it measures on the same database agree.
 */
import { randomBytes } from 'node:crypto';
import { generateSealingKeyPair } from '../../../src/lib/domain/sealed-box';

let made: Promise<Record<string, string>> | undefined;

export function benchKeyEnv(): Promise<Record<string, string>> {
	made ??= generateSealingKeyPair().then((pair) => ({
		SEALING_PRIVATE_KEY: JSON.stringify(pair.privateKey),
		PERSON_KEY_SECRET: randomBytes(32).toString('base64url'),
		QC_SAMPLING_SECRET: randomBytes(32).toString('base64url')
	}));
	return made;
}
