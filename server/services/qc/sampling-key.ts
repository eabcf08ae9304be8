/**
 * The sampling secret behind every visit's score (src/lib/domain/qc-sampling.ts): from
 * QC_SAMPLING_SECRET or the key file, never the database (server/keys/resolve.ts), so that
 * every instance (and the same server after a restart) draws the same sample while a copy of
 * the database cannot predict it. A clerk never sees it, so the score of a visit cannot be
 * predicted at the counter. Kept apart from the person-key secret: knowing how visits are
 * sampled must not help anyone reverse a person key.
 */
import { createHmac } from 'node:crypto';
import { samplingMessage, scoreFromDigest } from '../../../src/lib/domain/qc-sampling';
import type { App } from '../../app-context';

export async function samplingSecret(app: App): Promise<string> {
	return app.secrets.samplingSecret;
}

/** The score of one window id: the same as the domain's WebCrypto sampleScore, synchronously. */
export function scoreWith(secret: string, windowId: string): number {
	return scoreFromDigest(createHmac('sha256', secret).update(samplingMessage(windowId), 'utf8').digest());
}
