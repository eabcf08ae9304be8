/**
 * Staff and devices in the back office: create, deactivate, reset a password, move a clerk to
 * another KAC; issue enrollment codes, list devices, revoke them. The work itself is done by
 * the services the CLI uses too (services/staff.ts, services/enrollment.ts), which write the
 * audit entry inside their transactions; this module turns their errors into form problems.
 */
import { randomBytes } from 'node:crypto';
import type { App } from '../../app';
import type { DeviceKind, StaffRole } from '../../db/schema';
import { setPasswordHash } from '../../repositories/admin-staff';
import { revokeSessionsOfStaff } from '../../repositories/sessions';
import { staffById } from '../../repositories/staff';
import { appendAuditBy, type Actor } from '../audit';
import { liftLockOut, lockedOut } from '../auth';
import { ValidationError } from '../catalog';
import { createEnrollmentCode, MAX_ENROLLMENT_TTL_MS } from '../enrollment';
import { createStaff, deactivateStaff, hashPassword, reassignClerk, STAFF_ROLES } from '../staff';
import { FORM, parseWholeNumber, type Problems } from './problems';

export const STAFF_FORM_FIELDS = ['username', 'displayName', 'role', 'office', 'password'] as const;
export type StaffForm = Record<(typeof STAFF_FORM_FIELDS)[number], string>;

function problemsOf(e: ValidationError): Problems {
	const out: Problems = {};
	for (const i of e.issues) out[i.path] ??= i.message;
	return out;
}

export async function createStaffAsAdmin(app: App, form: StaffForm, actor: Actor): Promise<{ ok: true; id: string } | { ok: false; problems: Problems }> {
	const problems: Problems = {};
	if (!STAFF_ROLES.includes(form.role as StaffRole)) problems.role = 'required';
	if (Object.keys(problems).length) return { ok: false, problems };
	try {
		const id = await createStaff(
			app.database.db,
			{
				username: form.username,
				displayName: form.displayName,
				role: form.role as StaffRole,
				office: form.office || null,
				password: form.password
			},
			app.now(),
			actor
		);
		return { ok: true, id };
	} catch (e) {
		if (e instanceof ValidationError) return { ok: false, problems: problemsOf(e) };
		// Two administrators creating one username at once: the unique index decides.
		if (/unique|duplicate/i.test(String((e as Error).message))) return { ok: false, problems: { username: 'username_taken' } };
		throw e;
	}
}

export async function deactivateStaffAsAdmin(app: App, staffId: string, actor: Actor): Promise<{ ok: true } | { ok: false; problem: string }> {
	if (actor.id === staffId) return { ok: false, problem: 'cannot_deactivate_self' };
	const staff = await staffById(app.database.db, staffId);
	if (!staff) return { ok: false, problem: 'not_found' };
	if (staff.active !== 1) return { ok: false, problem: 'already_inactive' };
	await deactivateStaff(app.database.db, staffId, app.now(), actor);
	return { ok: true };
}

/** 16 characters of Crockford base 32 in groups of four (80 bits): read off a screen, typed once. */
export function generatePassword(): string {
	const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
	const bytes = randomBytes(16);
	let out = '';
	for (const b of bytes) out += alphabet[b & 31];
	return out.match(/.{4}/g)!.join('-');
}

/**
 * Sets a new, generated password (shown once to the administrator, never stored in clear)
 * and ends the person's sessions.
 */
export async function resetPasswordAsAdmin(app: App, staffId: string, actor: Actor): Promise<{ ok: true; password: string } | { ok: false; problem: string }> {
	const db = app.database.db;
	const staff = await staffById(db, staffId);
	if (!staff) return { ok: false, problem: 'not_found' };
	if (staff.active !== 1) return { ok: false, problem: 'already_inactive' };
	const password = generatePassword();
	const hash = await hashPassword(password);
	const now = app.now();
	await db.transaction().execute(async (trx) => {
		await setPasswordHash(trx, staffId, hash);
		await revokeSessionsOfStaff(trx, staffId);
		await appendAuditBy(trx, actor, 'staff.password_reset', { type: 'staff', id: staffId }, {}, now);
	});
	return { ok: true, password };
}

/**
 * Lifts a login lock-out (too many wrong passwords for this username from anywhere, services/
 * auth.ts) before it runs out by itself, e.g. after the administrator has reached the person.
 */
export async function liftLockOutAsAdmin(app: App, staffId: string, actor: Actor): Promise<{ ok: true } | { ok: false; problem: string }> {
	const db = app.database.db;
	const staff = await staffById(db, staffId);
	if (!staff) return { ok: false, problem: 'not_found' };
	const until = (await lockedOut(app, [staff.username])).get(staff.username);
	if (until === undefined) return { ok: false, problem: 'not_locked_out' };
	const now = app.now();
	await db.transaction().execute(async (trx) => {
		await liftLockOut(app, trx, staff.username);
		await appendAuditBy(trx, actor, 'staff.lockout_lift', { type: 'staff', id: staffId }, { lockedUntil: until }, now);
	});
	return { ok: true };
}

export async function assignOfficeAsAdmin(app: App, staffId: string, officeSlug: string, actor: Actor): Promise<{ ok: true } | { ok: false; problems: Problems }> {
	const staff = await staffById(app.database.db, staffId);
	if (!staff) return { ok: false, problems: { [FORM]: 'not_found' } };
	if (staff.active !== 1) return { ok: false, problems: { [FORM]: 'already_inactive' } };
	if (!officeSlug) return { ok: false, problems: { office: 'kac_office_required' } };
	try {
		await reassignClerk(app.database.db, staffId, officeSlug, app.now(), actor);
		return { ok: true };
	} catch (e) {
		if (e instanceof ValidationError) return { ok: false, problems: problemsOf(e) };
		throw e;
	}
}

export const ENROLLMENT_FORM_FIELDS = ['office', 'kind', 'hours'] as const;
export type EnrollmentForm = Record<(typeof ENROLLMENT_FORM_FIELDS)[number], string>;

export async function createEnrollmentCodeAsAdmin(
	app: App,
	form: EnrollmentForm,
	actor: Actor
): Promise<{ ok: true; code: string; expiresAt: number; kind: DeviceKind } | { ok: false; problems: Problems }> {
	const problems: Problems = {};
	const hours = parseWholeNumber(form.hours);
	if (!form.office) problems.office = 'required';
	if (form.kind !== 'kac' && form.kind !== 'library') problems.kind = 'required';
	if (hours === null || hours < 1 || hours * 3_600_000 > MAX_ENROLLMENT_TTL_MS) problems.hours = 'ttl_range';
	if (Object.keys(problems).length || hours === null) return { ok: false, problems };
	try {
		const r = await createEnrollmentCode(app.database.db, form.office, form.kind as DeviceKind, hours * 3_600_000, app.now(), actor);
		return { ok: true, code: r.code, expiresAt: r.expiresAt, kind: r.kind };
	} catch (e) {
		if (e instanceof ValidationError) return { ok: false, problems: problemsOf(e) };
		throw e;
	}
}
