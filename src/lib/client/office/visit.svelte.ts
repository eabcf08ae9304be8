/**
 * One citizen's visit: the clerk opens a signing window for a checked identity, the citizen
 * signs what they choose, and the window ends (Finish, time-out, the clerk reclaiming the screen,
 * or locking). Every step is an outbox record written at once. The identity is sealed to the
 * server's key before anything is stored; only the citizen's name stays in memory, for the
 * confirmation screen, until the window ends. A reload forgets it and the window is closed as
 * abandoned: nobody can land in someone else's window.
 */
import { uuidv7 } from './uuid7';
import type { CatalogInitiative } from '$lib/domain/catalog-protocol';
import { rigaDateOf } from '$lib/domain/dates';
import { checkEligibility } from '$lib/domain/eligibility';
import type { Identity } from '$lib/domain/identity.core';
import type { WindowCloseReason } from '$lib/domain/outbox-record.core';
import { generateReceiptCode, parseReceiptCode, receiptCodeHash } from '$lib/domain/receipt-code';
import { seal } from '$lib/domain/sealed-box';
import { isWithinWindow, windowEndsAt } from '$lib/domain/signing-window';
import { deviceDb } from '../db';
import { currentDevice } from './device';
import { appendRecord } from './outbox';
import { sealingKey } from './sealing-key';
import type { ClerkIdentity } from './pin';

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
}

export interface Receipt {
	code: string;
	officeId: string;
	openedAt: number;
	closedAt: number;
	signedIds: string[];
	reason: WindowCloseReason;
}

export const visit = $state({
	active: null as ActiveVisit | null,
	receipt: null as Receipt | null
});

/** Initiatives this person may sign right now, from the device's catalog copy. */
export function eligibleInitiatives(initiatives: CatalogInitiative[], identity: Identity, now: number): CatalogInitiative[] {
	const today = rigaDateOf(now);
	return initiatives.filter(
		(i) =>
			i.status === 'open' &&
			i.opensAt <= now &&
			now < i.closesAt &&
			checkEligibility(
				{ eligibility: i.eligibility, municipality: i.municipality },
				{
					citizenship: identity.citizenship,
					birthDate: identity.birthDate,
					declaredMunicipality: identity.declaredMunicipality,
					propertyMunicipalities: identity.propertyMunicipalities
				},
				today
			).eligible
	);
}

export type OpenVisitResult =
	| { ok: true; visit: ActiveVisit }
	| { ok: false; reason: 'not_enrolled' | 'device_revoked' | 'no_sealing_key' | 'window_open' | 'nothing_to_sign' };

export async function openVisit(identity: Identity, clerk: ClerkIdentity, now = Date.now()): Promise<OpenVisitResult> {
	if (visit.active) return { ok: false, reason: 'window_open' };
	const device = await currentDevice();
	if (!device) return { ok: false, reason: 'not_enrolled' };
	const db = deviceDb();
	// A revoked PC opens no windows: the server would refuse everything it sends.
	const state = (await db.meta.get('deviceState'))?.value as { status?: string } | null | undefined;
	if (state?.status === 'revoked') return { ok: false, reason: 'device_revoked' };
	const key = await sealingKey();
	if (!key) return { ok: false, reason: 'no_sealing_key' };
	const eligible = eligibleInitiatives(await db.initiatives.toArray(), identity, now);
	if (!eligible.length) return { ok: false, reason: 'nothing_to_sign' };
	const minutes = ((await db.meta.get('windowMinutes'))?.value as number) ?? 15;
	const lengthMs = minutes * 60_000;
	const receiptCode = generateReceiptCode();
	const parsed = parseReceiptCode(receiptCode);
	if (!parsed.ok) throw new Error('generated an invalid receipt code');
	const windowId = uuidv7();
	const identityBox = await seal(identity, key);
	await db.windows.add({
		id: windowId,
		clerkId: clerk.clerkId,
		openedAt: now,
		lengthMs,
		closedAt: null,
		closeReason: null,
		signatures: 0,
		open: 1
	});
	await appendRecord(
		device.id,
		'window.open',
		{
			windowId,
			clerkId: clerk.clerkId,
			officeId: device.officeId,
			openedAt: now,
			lengthMs,
			attested: true,
			identity: identityBox,
			receiptHash: await receiptCodeHash(parsed.code)
		},
		now
	);
	visit.receipt = null;
	visit.active = {
		windowId,
		officeId: device.officeId,
		openedAt: now,
		lengthMs,
		givenName: identity.givenName,
		fullName: `${identity.givenName} ${identity.surname}`,
		eligibleIds: eligible.map((i) => i.id),
		signedIds: [],
		receiptCode
	};
	return { ok: true, visit: visit.active };
}

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
	const device = await currentDevice();
	if (!device) return { ok: false, reason: 'no_window' };
	await appendRecord(device.id, 'signature', { windowId: active.windowId, initiativeId, signedAt: now }, now);
	active.signedIds = [...active.signedIds, initiativeId];
	await deviceDb().windows.update(active.windowId, { signatures: active.signedIds.length });
	return { ok: true };
}

/** Ends the open window for good and keeps the receipt to show; syncs in the background. */
export async function endVisit(reason: WindowCloseReason, now = Date.now()): Promise<Receipt | null> {
	const active = visit.active;
	if (!active) return null;
	visit.active = null;
	const closedAt = Math.min(now, windowEndsAt(active.openedAt, active.lengthMs));
	const device = await currentDevice();
	if (device) {
		await appendRecord(device.id, 'window.close', { windowId: active.windowId, closedAt, reason }, now);
	}
	await deviceDb().windows.update(active.windowId, { open: 0, closedAt, closeReason: reason });
	visit.receipt = {
		code: active.receiptCode,
		officeId: active.officeId,
		openedAt: active.openedAt,
		closedAt,
		signedIds: active.signedIds,
		reason
	};
	// The sync engine (and the tRPC client) load on demand: citizen mode does not wait for them.
	void import('./sync-engine.svelte').then((engine) => engine.syncNow())
		.catch(() => undefined);
	return visit.receipt;
}

export function dismissReceipt() {
	visit.receipt = null;
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
