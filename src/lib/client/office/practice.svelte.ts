/**
 * Practice mode on this PC (issue 19). A practice visit goes through the same screens as a real
 * one, but it lives in memory only: no windows row, no outbox record, no sync, nothing sealed.
 * The only thing kept is a count of practice visits on this PC, for the clerk and for training.
 */
import type { Identity } from '$lib/domain/identity.core';
import { PRACTICE_INITIATIVES, PRACTICE_RECEIPT_CODE } from '$lib/domain/practice';
import { deviceDb } from '../db';
import { currentDevice } from './device';
import { eligibleInitiatives, type OpenVisitResult } from './open-visit';
import { uuidv7 } from './uuid7';
import { visit } from './visit.svelte';

export const practiceMode = $state({ on: false, visitsOnThisPc: 0 });

const COUNT_KEY = 'practiceVisits';

export async function loadPracticeCount(): Promise<void> {
	practiceMode.visitsOnThisPc = ((await deviceDb().meta.get(COUNT_KEY))?.value as number | undefined) ?? 0;
}

export function startPractice() {
	practiceMode.on = true;
}

export function stopPractice() {
	practiceMode.on = false;
}

/** Opens a practice window for whoever was typed: same eligibility rule, practice initiatives only. */
export async function openPracticeVisit(identity: Identity, now = Date.now()): Promise<OpenVisitResult> {
	if (visit.active) return { ok: false, reason: 'window_open' };
	const device = await currentDevice();
	if (!device) return { ok: false, reason: 'not_enrolled' };
	const eligible = eligibleInitiatives(PRACTICE_INITIATIVES, identity, now);
	if (!eligible.length) return { ok: false, reason: 'nothing_to_sign' };
	const minutes = ((await deviceDb().meta.get('windowMinutes'))?.value as number) ?? 15;
	visit.receipt = null;
	visit.active = {
		windowId: uuidv7(),
		officeId: device.officeId,
		openedAt: now,
		lengthMs: minutes * 60_000,
		givenName: identity.givenName,
		fullName: `${identity.givenName} ${identity.surname}`,
		eligibleIds: eligible.map((i) => i.id),
		signedIds: [],
		receiptCode: PRACTICE_RECEIPT_CODE,
		practice: true
	};
	return { ok: true, visit: visit.active };
}

/** A practice visit ended: counted on this PC only. */
export async function countPracticeVisit(): Promise<void> {
	const db = deviceDb();
	await db.transaction('rw', db.meta, async () => {
		const n = ((await db.meta.get(COUNT_KEY))?.value as number | undefined) ?? 0;
		await db.meta.put({ key: COUNT_KEY, value: n + 1 });
	});
	await loadPracticeCount();
}
