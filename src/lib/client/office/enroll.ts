/**
 * Enrolling this browser profile as an office or library device: a non-extractable ECDSA key
 * made here, its public half registered with the server against a one-time code.
 */
import type { Localized } from '$lib/domain/catalog-protocol';
import { exportDevicePublicKey, generateDeviceKeyPair, isDevicePublicKey } from '$lib/domain/device-signature';
import { deviceDb, type DeviceRow } from '../db';
import { apiOnDemand } from '../trpc-on-demand';
import { currentDevice } from './device';

export type EnrollResult =
	| { ok: true; device: DeviceRow; officeName?: Localized }
	| { ok: false; reason: string; retryAfterSec?: number };

export async function enrollThisDevice(code: string): Promise<EnrollResult> {
	const existing = await currentDevice();
	if (existing) return { ok: true, device: existing };
	const keys = await generateDeviceKeyPair(false);
	const publicKey = await exportDevicePublicKey(keys.publicKey);
	if (!isDevicePublicKey(publicKey)) return { ok: false, reason: 'bad_key' };
	const { kty, crv, x, y } = publicKey;
	let answer;
	try {
		answer = await (await apiOnDemand()).device.enroll.mutate({ code, publicKey: { kty: kty!, crv: crv!, x: x!, y: y! } });
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (!answer.ok) return { ok: false, reason: answer.reason, retryAfterSec: answer.retryAfterSec };
	const device: DeviceRow = {
		key: 'self',
		id: answer.device.id,
		officeId: answer.device.officeId,
		kind: answer.device.kind,
		privateKey: keys.privateKey,
		publicKey,
		enrolledAt: Date.now()
	};
	await deviceDb().device.put(device);
	// Office devices keep unsynced signatures: ask the browser not to evict our storage.
	await navigator.storage?.persist?.().catch(() => false);
	return { ok: true, device, officeName: answer.device.officeName };
}
