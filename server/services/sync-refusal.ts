/**
 * What the server keeps of a push it refused before it could trust it (issue 10 §2): a digest,
 * never the records. See repositories/push-digests.ts for the bounds.
 */
import { sha256Hex } from '../node-crypto';
import type { PushRefusal } from '../../src/lib/domain/sync-protocol';
import type { App } from '../app-context';
import { recordRefusedPush } from '../repositories/push-digests';

/** The parts of an envelope a digest reads; anything else in it is only hashed and counted. */
export interface RefusedEnvelope {
	protocol?: unknown;
	deviceId?: unknown;
	deviceTime?: unknown;
	records?: unknown;
}

export async function recordRefusal(
	app: App,
	envelope: RefusedEnvelope,
	reason: Exclude<PushRefusal, 'gap' | 'tampered'>,
	deviceKey: string
): Promise<void> {
	// The envelope as received, in its JSON form (tRPC has parsed the body already).
	const body = JSON.stringify(envelope);
	await recordRefusedPush(app.database.db, {
		deviceKey,
		claimedDeviceId: typeof envelope.deviceId === 'string' ? envelope.deviceId.slice(0, 64) : '',
		reason,
		protocol: Number.isInteger(envelope.protocol) && Math.abs(envelope.protocol as number) < 2 ** 31 ? (envelope.protocol as number) : null,
		at: app.now(),
		records: Array.isArray(envelope.records) ? envelope.records.length : 0,
		bytes: Buffer.byteLength(body),
		bodySha256: sha256Hex(body),
		deviceTime: Number.isSafeInteger(envelope.deviceTime) ? (envelope.deviceTime as number) : null
	});
}
