import type { DevicePull, DeviceState } from '../../src/lib/domain/sync-protocol';
import type { App } from '../app';
import { deviceById } from '../repositories/devices';
import { pullCatalog } from './catalog';

/**
 * `sync.pull` (DESIGN §5): the catalog changes since the device's version, the key to seal
 * identities to, the device's own state (null if the server does not know it) and the
 * deployment's settings.
 */
export async function pullForDevice(app: App, input: { deviceId: string; sinceVersion: number }): Promise<DevicePull> {
	const db = app.database.db;
	const [catalog, device] = await Promise.all([
		pullCatalog(db, input.sinceVersion, app.now()),
		deviceById(db, input.deviceId)
	]);
	const state: DeviceState | null = device
		? {
				id: device.id,
				status: device.status,
				kind: device.kind,
				officeId: device.office_id,
				lastSeq: Number(device.last_seq)
			}
		: null;
	return {
		catalog,
		sealingKey: app.secrets.sealingKey,
		device: state,
		settings: { windowMinutes: app.config.windowMinutes }
	};
}
