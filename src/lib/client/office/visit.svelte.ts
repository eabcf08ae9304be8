/**
 * One citizen's visit: the clerk opens a signing window for a checked identity, the citizen
 * signs what they choose, and the window ends (Finish, time-out, the clerk reclaiming the screen,
 * or locking). Every step is an outbox record written at once. The identity is sealed to the
 * server's key before anything is stored; only the citizen's name stays in memory, for the
 * confirmation screen, until the window ends. A reload forgets it and the window is closed as
 * abandoned: nobody can land in someone else's window.
 */
import type { WindowCloseReason } from '$lib/domain/outbox-record.core';
import { isWithinWindow, windowEndsAt } from '$lib/domain/signing-window';
import { deviceDb } from '../db';
import { holdUpdatesWhile } from '../pwa.svelte';
import { currentDevice } from './device';
import { appendRecord } from './outbox';

export interface ActiveVisit {
	windowId: string;
	officeId: string;
	openedAt: number;
	lengthMs: number;
	givenName: string;
	fullName: string;
	eligibleIds: string[];
	signedIds: string[];
	receiptCode: string;
	/** A practice visit (practice.svelte.ts): nothing of it is written, sent or counted. */
	practice?: true;
}

export interface Receipt {
	/** The window it is the receipt of: a stored receipt is shown again only while its window is the last one. */
	windowId: string;
	code: string;
	officeId: string;
	openedAt: number;
	closedAt: number;
	signedIds: string[];
	reason: WindowCloseReason;
	/** The initiative the citizen was confirming when the time ran out: said on the receipt as not signed. */
	notSignedId?: string;
	/** A practice visit's receipt: nothing was recorded, nothing will be sent. */
	practice?: true;
}

export const visit = $state({
	active: null as ActiveVisit | null,
	receipt: null as Receipt | null
});

// An update reloads the page: never while a citizen has the screen (window or receipt).
holdUpdatesWhile(() => visit.active !== null || visit.receipt !== null);

export type SignResult = { ok: true } | { ok: false; reason: 'no_window' | 'expired' | 'not_offered' | 'already_signed' };

export async function signInitiative(initiativeId: string, now = Date.now()): Promise<SignResult> {
	const active = visit.active;
	if (!active) return { ok: false, reason: 'no_window' };
	if (!isWithinWindow(now, active.openedAt, active.lengthMs)) {
		await endVisit('timeout', now);
		return { ok: false, reason: 'expired' };
	}
	if (!active.eligibleIds.includes(initiativeId)) return { ok: false, reason: 'not_offered' };
	if (active.signedIds.includes(initiativeId)) return { ok: false, reason: 'already_signed' };
	if (active.practice) {
		active.signedIds = [...active.signedIds, initiativeId];
		return { ok: true };
	}
	const device = await currentDevice();
	if (!device) return { ok: false, reason: 'no_window' };
	await appendRecord(device.id, 'signature', { windowId: active.windowId, initiativeId, signedAt: now }, now);
	active.signedIds = [...active.signedIds, initiativeId];
	await deviceDb().windows.update(active.windowId, { signatures: active.signedIds.length });
	return { ok: true };
}

/** Ends the open window for good and keeps the receipt to show; syncs in the background. */
export async function endVisit(reason: WindowCloseReason, now = Date.now(), notSignedId?: string): Promise<Receipt | null> {
	const active = visit.active;
	if (!active) return null;
	visit.active = null;
	const closedAt = Math.min(now, windowEndsAt(active.openedAt, active.lengthMs));
	if (active.practice) {
		visit.receipt = {
			windowId: active.windowId,
			code: active.receiptCode,
			officeId: active.officeId,
			openedAt: active.openedAt,
			closedAt,
			signedIds: active.signedIds,
			reason,
			practice: true
		};
		await import('./practice.svelte').then((p) => p.countPracticeVisit()).catch(() => undefined);
		return visit.receipt;
	}
	// The receipt is the citizen's before anything below can fail: a window that has ended
	// always leaves its receipt on screen.
	visit.receipt = {
		windowId: active.windowId,
		code: active.receiptCode,
		officeId: active.officeId,
		openedAt: active.openedAt,
		closedAt,
		signedIds: active.signedIds,
		reason,
		notSignedId: notSignedId && !active.signedIds.includes(notSignedId) ? notSignedId : undefined
	};
	await keepReceipt(visit.receipt);
	const device = await currentDevice();
	if (device) {
		await appendRecord(device.id, 'window.close', { windowId: active.windowId, closedAt, reason }, now);
	}
	await deviceDb().windows.update(active.windowId, { open: 0, closedAt, closeReason: reason });
	// The sync engine (and the tRPC client) load on demand: citizen mode does not wait for them.
	void import('./sync-engine.svelte').then((engine) => engine.syncNow())
		.catch(() => undefined);
	return visit.receipt;
}

export function dismissReceipt() {
	visit.receipt = null;
	void deviceDb()
		.meta.delete(RECEIPT_KEY)
		.catch(() => undefined);
}

/**
 * The receipt of the last visit survives a reload of this PC (F5 on the receipt screen) until it
 * is dismissed or the next window opens. It holds the receipt code, the office, the times and
 * which initiatives were signed: no personal code and no name.
 */
const RECEIPT_KEY = 'lastReceipt';

async function keepReceipt(receipt: Receipt) {
	await deviceDb()
		.meta.put({ key: RECEIPT_KEY, value: $state.snapshot(receipt) })
		.catch(() => undefined);
}

/** After a reload: the kept receipt, if its window is still the last one opened on this PC. */
export async function restoreReceipt(): Promise<Receipt | null> {
	if (visit.receipt || visit.active) return visit.receipt;
	const db = deviceDb();
	const kept = (await db.meta.get(RECEIPT_KEY))?.value as Receipt | undefined;
	if (!kept) return null;
	const last = await db.windows.orderBy('openedAt').last();
	if (!last || last.id !== kept.windowId) {
		await db.meta.delete(RECEIPT_KEY);
		return null;
	}
	if (!visit.receipt && !visit.active) visit.receipt = kept;
	return visit.receipt;
}

/**
 * Windows left open by a reload, a crash or a closed tab: their citizen is gone, so they are
 * closed as abandoned, at the latest at their end. Run at start, before anything else.
 */
export async function closeAbandonedWindows(now = Date.now()): Promise<number> {
	const db = deviceDb();
	const device = await currentDevice();
	if (!device) return 0;
	const open = await db.windows.where('open').equals(1).toArray();
	for (const w of open) {
		if (visit.active?.windowId === w.id) continue;
		const closedAt = Math.min(now, windowEndsAt(w.openedAt, w.lengthMs));
		await appendRecord(device.id, 'window.close', { windowId: w.id, closedAt, reason: 'abandoned' }, now);
		await db.windows.update(w.id, { open: 0, closedAt, closeReason: 'abandoned' });
	}
	return open.length;
}
