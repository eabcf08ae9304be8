/**
 * Staff login, sessions and logout (DESIGN §2). Passwords are argon2id hashes; a session is a
 * random token in an httpOnly, SameSite=Strict cookie, and the database keeps only its
 * SHA-256. Failed logins are rate limited per username and address, and per address, in the
 * database so that the limit holds across instances.
 */
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { App } from '../app-context';
import type { StaffRole } from '../db/schema';
import { deviceById } from '../repositories/devices';
import { clearFailures, failuresFrom, failuresOf, insertLoginAttempt } from '../repositories/login-attempts';
import { insertSession, liveSessionWithStaff, revokeSession } from '../repositories/sessions';
import { staffByUsername } from '../repositories/staff';
import { appendAuditBy, staffActor } from './audit';
import { retryAfterSec, type Limit } from './rate-limit';
import { hashPassword, normalizeUsername } from './staff';

export const SESSION_COOKIE = 'kt_session';
/** Five wrong passwords for one username from one address in 15 minutes, then wait. */
export const LOGIN_LIMIT: Limit = { max: 5, windowMs: 15 * 60_000 };
/** Password spraying across usernames from one address. */
export const LOGIN_ADDRESS_LIMIT: Limit = { max: 50, windowMs: 15 * 60_000 };

export interface StaffInfo {
	id: string;
	name: string;
	role: StaffRole;
	officeId: string | null;
}

export interface SessionInfo {
	id: string;
	staff: StaffInfo & { username: string };
	deviceId: string | null;
	expiresAt: number;
}

export type LoginFailure = 'invalid_credentials' | 'rate_limited' | 'inactive' | 'wrong_office' | 'unknown_device';

export type LoginResult =
	| { ok: true; staff: StaffInfo; token: string; expiresAt: number }
	| { ok: false; reason: LoginFailure; retryAfterSec?: number };

export interface LoginInput {
	username: string;
	password: string;
	deviceId?: string | null;
}

let dummyHash: Promise<string> | undefined;
/** Unknown usernames still cost one argon2 verification, so timing does not tell them apart. */
function dummy() {
	dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
	return dummyHash;
}

export function sessionIdOf(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function login(app: App, input: LoginInput, ip: string): Promise<LoginResult> {
	const db = app.database.db;
	const now = app.now();
	const username = normalizeUsername(input.username).slice(0, 100);

	const wait = Math.max(
		retryAfterSec(await failuresOf(db, username, ip, now - LOGIN_LIMIT.windowMs), LOGIN_LIMIT, now),
		retryAfterSec(await failuresFrom(db, ip, now - LOGIN_ADDRESS_LIMIT.windowMs), LOGIN_ADDRESS_LIMIT, now)
	);
	if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterSec: wait };

	const staff = await staffByUsername(db, username);
	let valid = false;
	try {
		valid = await argon2.verify(staff?.password_hash ?? (await dummy()), input.password);
	} catch {
		valid = false;
	}
	if (!staff || !valid) {
		await insertLoginAttempt(db, username, ip, now, false);
		return { ok: false, reason: 'invalid_credentials' };
	}
	// Only someone who knows the password learns that the account is inactive.
	if (staff.active !== 1) return { ok: false, reason: 'inactive' };

	let deviceId: string | null = null;
	if (input.deviceId) {
		const device = await deviceById(db, input.deviceId);
		if (!device || device.status !== 'active') return { ok: false, reason: 'unknown_device' };
		if (staff.role === 'clerk' && (device.office_id !== staff.office_id || device.kind !== 'kac')) {
			return { ok: false, reason: 'wrong_office' };
		}
		deviceId = device.id;
	}

	await clearFailures(db, username, ip);
	await insertLoginAttempt(db, username, ip, now, true);
	const token = randomBytes(32).toString('base64url');
	const expiresAt = now + app.config.sessionHours * 3_600_000;
	await db.transaction().execute(async (trx) => {
		await insertSession(trx, {
			id: sessionIdOf(token),
			staff_id: staff.id,
			device_id: deviceId,
			created_at: now,
			expires_at: expiresAt,
			revoked: 0
		});
		await appendAuditBy(trx, staffActor(staff.id), 'auth.login', deviceId ? { type: 'device', id: deviceId } : null, {}, now);
	});
	return {
		ok: true,
		token,
		expiresAt,
		staff: { id: staff.id, name: staff.display_name, role: staff.role, officeId: staff.office_id }
	};
}

/** The live session behind a cookie token, with an active staff member; otherwise null. */
export async function sessionOf(app: App, token: string | undefined): Promise<SessionInfo | null> {
	if (!token || token.length > 200) return null;
	const row = await liveSessionWithStaff(app.database.db, sessionIdOf(token), app.now());
	if (!row || row.active !== 1) return null;
	return {
		id: row.session_id,
		deviceId: row.device_id,
		expiresAt: row.expires_at,
		staff: { id: row.staff_id, username: row.username, name: row.display_name, role: row.role, officeId: row.office_id }
	};
}

export async function logout(app: App, token: string | undefined): Promise<void> {
	if (!token || token.length > 200) return;
	const db = app.database.db;
	const now = app.now();
	const id = sessionIdOf(token);
	const live = await liveSessionWithStaff(db, id, now);
	await db.transaction().execute(async (trx) => {
		await revokeSession(trx, id);
		if (live) await appendAuditBy(trx, staffActor(live.staff_id), 'auth.logout', null, {}, now);
	});
}
