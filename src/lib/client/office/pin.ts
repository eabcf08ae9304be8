/**
 * Offline unlocking with a PIN: a PBKDF2 verifier kept on this device only. Five wrong tries
 * switch the PIN off until the clerk logs in online again.
 */
import { fromBase64Url, toBase64Url, utf8 } from '$lib/domain/bytes';
import { MAX_PIN_ATTEMPTS, PIN_ITERATIONS } from '$lib/domain/pin';
import { deviceDb, type ClerkPinRow } from '../db';

export interface ClerkIdentity {
	clerkId: string;
	username: string;
	name: string;
	officeId: string;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
	const key = await crypto.subtle.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveBits']);
	const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
	return toBase64Url(bits);
}

export async function setPin(clerk: ClerkIdentity, pin: string): Promise<void> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const verifier = await derive(pin, salt, PIN_ITERATIONS);
	const db = deviceDb();
	// One PIN per username on this device: replace any earlier one.
	await db.clerkPins.where('username').equals(clerk.username).delete();
	await db.clerkPins.put({
		...clerk,
		salt: toBase64Url(salt),
		verifier,
		iterations: PIN_ITERATIONS,
		failedAttempts: 0,
		setAt: Date.now()
	});
}

export function clerksWithPin(): Promise<ClerkPinRow[]> {
	return deviceDb().clerkPins.toArray();
}

export type PinCheck =
	| { ok: true; clerk: ClerkIdentity }
	| { ok: false; reason: 'no_pin' | 'wrong_pin' | 'locked'; attemptsLeft?: number };

export async function checkPin(clerkId: string, pin: string): Promise<PinCheck> {
	const db = deviceDb();
	const row = await db.clerkPins.get(clerkId);
	if (!row) return { ok: false, reason: 'no_pin' };
	if (row.failedAttempts >= MAX_PIN_ATTEMPTS) return { ok: false, reason: 'locked' };
	const candidate = await derive(pin, fromBase64Url(row.salt), row.iterations);
	if (candidate === row.verifier) {
		await db.clerkPins.update(clerkId, { failedAttempts: 0 });
		return { ok: true, clerk: { clerkId: row.clerkId, username: row.username, name: row.name, officeId: row.officeId } };
	}
	const failed = row.failedAttempts + 1;
	await db.clerkPins.update(clerkId, { failedAttempts: failed });
	return failed >= MAX_PIN_ATTEMPTS
		? { ok: false, reason: 'locked' }
		: { ok: false, reason: 'wrong_pin', attemptsLeft: MAX_PIN_ATTEMPTS - failed };
}
