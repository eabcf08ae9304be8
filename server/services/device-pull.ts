import { pullSigningText } from '../../src/lib/domain/device-signature';
import { isFreshPull } from '../../src/lib/domain/pull-freshness';
import { SYNC_PROTOCOL_VERSION, type DevicePull, type DevicePullInput, type PulledDevice } from '../../src/lib/domain/sync-protocol';
import type { App } from '../app-context';
import { verifyDeviceSignature } from '../node-crypto';
import { deviceById } from '../repositories/devices';
import { reportPracticeTotal } from '../repositories/practice-counts';
import { pullCatalog } from './catalog';

/**
 * `sync.pull` (DESIGN §5): the catalog changes since the device's version, the key to seal
 * identities to and the deployment's settings, for anyone; and the device's own state (status,
 * kind, office, last seq) only for a pull the device signed (`pullSigningText`) with a fresh
 * device time (pull-freshness.ts), so neither someone who knows a device id nor someone who
 * recorded one of its pulls learns it. A pull writes one thing only: the practice-visit total a
 * verified, fresh pull carries (issue 19), kept as the highest ever reported, so a replay is harmless.
 */
export async function pullForDevice(app: App, input: DevicePullInput & { sinceVersion: number }): Promise<DevicePull> {
	const db = app.database.db;
	const serverTime = app.now();
	const [catalog, device] = await Promise.all([pullCatalog(db, input.sinceVersion, serverTime), pulledDevice(app, input, serverTime)]);
	return {
		protocol: SYNC_PROTOCOL_VERSION,
		catalog,
		sealingKey: app.secrets.sealingKey,
		device,
		settings: { windowMinutes: app.config.windowMinutes }
	};
}

async function pulledDevice(app: App, input: DevicePullInput & { sinceVersion: number }, serverTime: number): Promise<PulledDevice> {
	const { protocol, deviceTime, signature } = input;
	if (protocol === undefined || deviceTime === undefined || signature === undefined) return { verified: false, reason: 'unsigned' };
	if (protocol !== SYNC_PROTOCOL_VERSION) return { verified: false, reason: 'unsupported_protocol' };
	const device = await deviceById(app.database.db, input.deviceId);
	if (!device) return { verified: false, reason: 'unknown_device' };
	const text = pullSigningText({ protocol, deviceId: device.id, deviceTime, sinceVersion: input.sinceVersion, practiceVisits: input.practiceVisits });
	if (!(await verifyDeviceSignature(device.public_key, text, signature))) return { verified: false, reason: 'bad_signature' };
	const offset = device.clock_offset_ms === null ? null : Number(device.clock_offset_ms);
	if (!isFreshPull(deviceTime, serverTime, offset)) return { verified: false, reason: 'stale_request' };
	if (input.practiceVisits !== undefined && device.status === 'active') {
		await reportPracticeTotal(app.database.db, { deviceId: device.id, officeId: device.office_id, total: input.practiceVisits, now: serverTime });
	}
	return {
		verified: true,
		state: { id: device.id, status: device.status, kind: device.kind, officeId: device.office_id, lastSeq: Number(device.last_seq) }
	};
}
