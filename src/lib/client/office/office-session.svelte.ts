/**
 * Who has unlocked office mode on this PC, in memory only: a reload, a crash or a closed tab
 * locks the office again, and locking ends any open window (see visit.svelte.ts).
 */
import type { ClerkIdentity, PinCheck } from './pin';
import { currentDevice } from './device';

export const officeSession = $state({
	clerk: null as ClerkIdentity | null,
	via: null as 'password' | 'pin' | null,
	/** Set after an online login until the clerk has chosen a PIN for offline use. */
	needsPin: false,
	/** Locked because nobody used the PC for a while (kac/+layout.svelte): said on the unlock screen. */
	lockedWhileIdle: false
});

export type LoginOutcome =
	| { ok: true; clerk: ClerkIdentity }
	| { ok: false; reason: string; retryAfterSec?: number };

export async function loginOnline(username: string, password: string): Promise<LoginOutcome> {
	const device = await currentDevice();
	let answer;
	try {
		// The tRPC client loads when the clerk logs in, not with citizen mode.
		const { api } = await import('../trpc');
		answer = await api().auth.login.mutate({ username, password, deviceId: device?.id });
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (!answer.ok) return { ok: false, reason: answer.reason, retryAfterSec: answer.retryAfterSec };
	if (answer.staff.role !== 'clerk' || !answer.staff.officeId) return { ok: false, reason: 'not_clerk' };
	const clerk: ClerkIdentity = {
		clerkId: answer.staff.id,
		username,
		name: answer.staff.name,
		officeId: answer.staff.officeId
	};
	officeSession.clerk = clerk;
	officeSession.via = 'password';
	officeSession.needsPin = true;
	officeSession.lockedWhileIdle = false;
	return { ok: true, clerk };
}

export async function choosePin(pin: string) {
	if (!officeSession.clerk) throw new Error('no clerk is logged in');
	const { setPin } = await import('./pin');
	await setPin(officeSession.clerk, pin);
	officeSession.needsPin = false;
}

/** After an online login, a clerk who already has a working PIN on this PC may keep it. */
export function keepCurrentPin() {
	officeSession.needsPin = false;
}

export async function unlockWithPin(clerkId: string, pin: string): Promise<PinCheck> {
	// PBKDF2 and the PIN rules load when a PIN is entered, not before the page runs.
	const { checkPin } = await import('./pin');
	const result = await checkPin(clerkId, pin);
	if (result.ok) {
		officeSession.clerk = result.clerk;
		officeSession.via = 'pin';
		officeSession.needsPin = false;
		officeSession.lockedWhileIdle = false;
	}
	return result;
}

export function lockOffice(why: 'clerk' | 'idle' = 'clerk') {
	officeSession.clerk = null;
	officeSession.via = null;
	officeSession.needsPin = false;
	officeSession.lockedWhileIdle = why === 'idle';
}

export async function logoutOnline() {
	lockOffice();
	await import('../trpc')
		.then(({ api }) => api().auth.logout.mutate())
		.catch(() => undefined);
}
