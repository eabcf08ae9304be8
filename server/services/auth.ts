/**
 * Staff login, sessions and logout (DESIGN §2). Passwords are argon2id hashes; a session is a
 * random token in an httpOnly, SameSite=Strict cookie, and the database keeps only its
 * SHA-256. Every login attempt is counted before its password is checked (server/services/
 * rate-limit.ts), per address, per username and address, and per username from anywhere (the
 * lock-out an administrator can lift); a right password gives its attempt back. Password checks
 * pass a per-process gate (server/services/verify-gate.ts), so a flood cannot starve a clerk.
 */
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { App } from '../app';
import type { StaffRole } from '../db/schema';
import { deviceById } from '../repositories/devices';
import { insertLoginAttempt } from '../repositories/login-attempts';
import { bumpBucket, deleteBucket, deleteBucketsStartingWith, fullBuckets } from '../repositories/rate-buckets';
import { insertSession, liveSessionWithStaff, revokeSession } from '../repositories/sessions';
import { staffByUsername } from '../repositories/staff';
import { appendAuditBy, staffActor } from './audit';
import { clientKey, forgetRefusals, giveBack, take, type Limit } from './rate-limit';
import { VerifyGate } from './verify-gate';
import { hashPassword, normalizeUsername } from './staff';

export const SESSION_COOKIE = 'kt_session';
/** Five wrong passwords for one username from one address in 15 minutes, then wait. */
export const LOGIN_LIMIT: Limit = { max: 5, windowMs: 15 * 60_000 };
/** Password spraying across usernames from one address. */
export const LOGIN_ADDRESS_LIMIT: Limit = { max: 50, windowMs: 15 * 60_000 };
/**
 * One username from any number of addresses: after 20 wrong passwords in an hour the account is
 * locked out until the hour is over or an administrator lifts it (/admin/staff). Unknown
 * usernames are counted and locked the same way, so the answer never tells them apart.
 */
export const LOGIN_ACCOUNT_LIMIT: Limit = { max: 20, windowMs: 60 * 60_000 };

/** An address a right password came from lately: its logins wait in the gate's first line. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 3_600_000;

const SCOPE = { address: 'login.address', user: 'login.user', account: 'login.account', known: 'login.known' } as const;
const userKey = (username: string, client: string) => `${username}\n${client}`;

/** Addresses this process knows a right password came from, until when (bounded, oldest out). */
const knownByApp = new WeakMap<App, Map<string, number>>();
const KNOWN_IN_MEMORY_MAX = 10_000;
function knownAddresses(app: App): Map<string, number> {
	let map = knownByApp.get(app);
	if (!map) knownByApp.set(app, (map = new Map()));
	return map;
}
function rememberKnown(map: Map<string, number>, client: string, until: number) {
	map.delete(client);
	if (map.size >= KNOWN_IN_MEMORY_MAX) map.delete(map.keys().next().value!);
	map.set(client, until);
}

const gates = new WeakMap<App, VerifyGate>();
/** This process's password-check gate (one per app: tests may hand an app its own). */
export function verifyGateOf(app: App): VerifyGate {
	let gate = gates.get(app);
	if (!gate) gates.set(app, (gate = new VerifyGate()));
	return gate;
}
export function setVerifyGate(app: App, gate: VerifyGate) {
	gates.set(app, gate);
}

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
	const client = clientKey(ip);

	// A place in the password-check gate first: when it is full, the login is refused before any
	// database work (and so is not counted), costing a flood nothing but the request itself.
	const gate = verifyGateOf(app);
	const knownHere = knownAddresses(app);
	const ticket = gate.enter(client, (knownHere.get(client) ?? 0) > now);
	if (!ticket) return { ok: false, reason: 'rate_limited', retryAfterSec: 1 };
	let valid: boolean;
	let staff: Awaited<ReturnType<typeof staffByUsername>>;
	try {
		// Counted before the password is checked: parallel or batched attempts each take a number.
		// A refused attempt stops here, so it does not count against the next limit.
		for (const [scope, key, limit] of [
			[SCOPE.address, client, LOGIN_ADDRESS_LIMIT],
			[SCOPE.user, userKey(username, client), LOGIN_LIMIT],
			[SCOPE.account, username, LOGIN_ACCOUNT_LIMIT]
		] as const) {
			const taken = await take(db, scope, key, limit, now);
			if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAfterSec: taken.retryAfterSec };
		}
		const [found, known] = await Promise.all([staffByUsername(db, username), fullBuckets(db, SCOPE.known, [client], 1, now)]);
		staff = found;
		// Known to the database (a right password through another instance, or before a restart).
		if (known.length > 0) {
			rememberKnown(knownHere, client, known[0].resetAt);
			ticket.promote();
		}
		valid = await ticket.run(async () => {
			try {
				return await argon2.verify(found?.password_hash ?? (await dummy()), input.password);
			} catch {
				return false;
			}
		});
	} finally {
		ticket.leave();
	}
	if (!staff || !valid) {
		await insertLoginAttempt(db, username, ip, now, false);
		return { ok: false, reason: 'invalid_credentials' };
	}
	// The right password: this attempt was no attack. Its own username and address start afresh.
	await giveBackAll(db, username, client);
	await deleteBucket(db, SCOPE.user, userKey(username, client));
	const known = await bumpBucket(db, SCOPE.known, client, KNOWN_ADDRESS_MS, now);
	rememberKnown(knownHere, client, known.resetAt);
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

async function giveBackAll(db: App['database']['db'], username: string, client: string) {
	await giveBack(db, SCOPE.address, client);
	await giveBack(db, SCOPE.user, userKey(username, client));
	await giveBack(db, SCOPE.account, username);
}

/** Usernames (of those given) that are locked out now, with when the lock-out ends. */
export async function lockedOut(app: App, usernames: readonly string[]): Promise<Map<string, number>> {
	const rows = await fullBuckets(app.database.db, SCOPE.account, usernames, LOGIN_ACCOUNT_LIMIT.max, app.now());
	return new Map(rows.map((r) => [r.key, r.resetAt]));
}

/**
 * Lifts a username's lock-out and its per-address waits (an administrator's act; audited by the
 * caller, in `trx`). Other instances forget their remembered refusals within REFUSAL_MEMORY_MS.
 */
export async function liftLockOut(app: App, trx: App['database']['db'], username: string): Promise<void> {
	await deleteBucket(trx, SCOPE.account, username);
	await deleteBucketsStartingWith(trx, SCOPE.user, userKey(username, ''));
	forgetRefusals(app.database.db, SCOPE.account, username);
	forgetRefusals(app.database.db, SCOPE.user, userKey(username, ''), true);
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
