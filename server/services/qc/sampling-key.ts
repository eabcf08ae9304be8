/**
 * The sampling secret behind every visit's score (src/lib/domain/qc-sampling.ts): from
 * QC_SAMPLING_SECRET, or made once and kept in `server_secret` so that every instance on one
 * database (and the same server after a restart) draws the same sample. A clerk never sees it,
 * so the score of a visit cannot be predicted at the counter. Kept apart from the person-key
 * secret: knowing how visits are sampled must not help anyone reverse a person key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { toBase64Url } from '../../../src/lib/domain/bytes';
import { samplingMessage, scoreFromDigest } from '../../../src/lib/domain/qc-sampling';
import type { App } from '../../app';
import { insertSecretIfMissing, secretByName } from '../../repositories/server-secrets';

const ROW = 'qc_sampling_secret';
const cache = new WeakMap<App, Promise<string>>();

async function load(app: App): Promise<string> {
	if (app.config.qc.samplingSecret) return app.config.qc.samplingSecret;
	const db = app.database.db;
	const existing = await secretByName(db, ROW);
	if (existing) return existing.value;
	await insertSecretIfMissing(db, ROW, toBase64Url(randomBytes(32)), app.now());
	const stored = await secretByName(db, ROW);
	if (!stored) throw new Error('the QC sampling secret could not be stored');
	return stored.value;
}

export function samplingSecret(app: App): Promise<string> {
	let p = cache.get(app);
	if (!p) {
		p = load(app);
		p.catch(() => cache.delete(app));
		cache.set(app, p);
	}
	return p;
}

/** The score of one window id: the same as the domain's WebCrypto sampleScore, synchronously. */
export function scoreWith(secret: string, windowId: string): number {
	return scoreFromDigest(createHmac('sha256', secret).update(samplingMessage(windowId), 'utf8').digest());
}
