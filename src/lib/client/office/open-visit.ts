/**
 * Opening a visit: what the clerk's page needs, and citizen mode does not. The identity is
 * sealed to the server's key before anything is stored, the receipt code is made and only its
 * hash recorded, and the window.open record goes into the outbox; `visit` then holds the open
 * window for citizen mode (visit.svelte.ts).
 */
import type { CatalogInitiative } from '$lib/domain/catalog-protocol';
import { signableBy } from '$lib/domain/may-sign';
import type { Identity } from '$lib/domain/identity.core';
import { generateReceiptCode, parseReceiptCode, receiptCodeHash } from '$lib/domain/receipt-code';
import { seal } from '$lib/domain/sealed-box';
import { deviceDb } from '../db';
import { currentDevice } from './device';
import { appendRecord } from './outbox';
import type { ClerkIdentity } from './pin';
import { sealingKey } from './sealing-key';
import { uuidv7 } from './uuid7';
import { visit, type ActiveVisit } from './visit.svelte';

/** Initiatives this person may sign right now, from the device's catalog copy (domain/may-sign.ts). */
export function eligibleInitiatives(initiatives: CatalogInitiative[], identity: Identity, now: number): CatalogInitiative[] {
	return signableBy(initiatives, identity, now, 'in_person');
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
