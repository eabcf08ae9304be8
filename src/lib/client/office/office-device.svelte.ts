/**
 * What the office pages show about this PC: whether it is enrolled, as what, and for which
 * office. Read from IndexedDB once per page load and after enrolment; never holds the key.
 */
import type { CatalogOffice } from '$lib/domain/catalog-protocol';
import { deviceDb } from '../db';
import { keepOfficeFiles } from '../pwa.svelte';
import { currentDevice } from './device';

export const officeDevice = $state({
	loaded: false,
	device: null as { id: string; officeId: string; kind: 'kac' | 'library'; enrolledAt: number } | null,
	office: null as CatalogOffice | null
});

export async function loadOfficeDevice(): Promise<void> {
	const row = await currentDevice();
	officeDevice.device = row
		? { id: row.id, officeId: row.officeId, kind: row.kind, enrolledAt: row.enrolledAt }
		: null;
	officeDevice.office = row ? ((await deviceDb().offices.get(row.officeId)) ?? null) : null;
	officeDevice.loaded = true;
	// Office mode offline needs its files on this PC; a library device never downloads them.
	if (row?.kind === 'kac') void keepOfficeFiles();
}
