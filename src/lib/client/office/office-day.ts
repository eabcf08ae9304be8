/**
 * Closing the office day (DESIGN §5): force a sync, show what happened today at this PC, and
 * record the clerk's confirmation as an outbox record of its own.
 */
import { rigaDateOf } from '$lib/domain/dates';
import { deviceDb } from '../db';
import { currentDevice } from './device';
import { appendRecord, pendingCount } from './outbox';
import type { ClerkIdentity } from './pin';
import { syncNow } from './sync-engine.svelte';

export interface DaySummary {
	day: string;
	windowsOpened: number;
	visitsWithSignatures: number;
	abandonedWindows: number;
	signatures: number;
	unsynced: number;
	reachedServer: boolean;
}

export async function summarizeDay(now = Date.now()): Promise<DaySummary> {
	const reachedServer = await syncNow();
	const day = rigaDateOf(now);
	const windows = (await deviceDb().windows.toArray()).filter((w) => rigaDateOf(w.openedAt) === day);
	return {
		day,
		windowsOpened: windows.length,
		visitsWithSignatures: windows.filter((w) => w.signatures > 0).length,
		abandonedWindows: windows.filter((w) => w.closeReason === 'abandoned' || (w.closeReason === 'timeout' && w.signatures === 0)).length,
		signatures: windows.reduce((n, w) => n + w.signatures, 0),
		unsynced: await pendingCount(),
		reachedServer
	};
}

export async function confirmDayClose(clerk: ClerkIdentity, summary: DaySummary): Promise<void> {
	const device = await currentDevice();
	if (!device) throw new Error('this PC is not enrolled');
	await appendRecord(device.id, 'day.close', {
		officeId: device.officeId,
		clerkId: clerk.clerkId,
		day: summary.day,
		windowsOpened: summary.windowsOpened,
		visitsWithSignatures: summary.visitsWithSignatures,
		abandonedWindows: summary.abandonedWindows,
		unsynced: summary.unsynced
	});
	await syncNow();
}
