import argon2 from 'argon2';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database, StaffRole } from '../db/schema';
import { officeBySlug } from '../repositories/offices';
import { revokeSessionsOfStaff } from '../repositories/sessions';
import { endOpenAssignments, insertAssignment } from '../repositories/staff-assignments';
import { insertStaff, markStaffInactive, setStaffOffice, staffById, staffByUsername } from '../repositories/staff';
import { appendAuditBy, SYSTEM_ACTOR, type Actor } from './audit';
import { ValidationError } from './catalog';

export const STAFF_ROLES: readonly StaffRole[] = ['clerk', 'auditor', 'admin'];
export const MIN_PASSWORD_LENGTH = 10;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function normalizeUsername(username: string): string {
	return username.trim().toLowerCase();
}

/**
 * argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane): ~50 ms here, and modest enough
 * in memory that a small office server survives a burst of logins. The parameters are stored
 * in each hash, so raising them later needs no migration.
 */
export function hashPassword(password: string): Promise<string> {
	return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export interface StaffFields {
	username: string;
	displayName: string;
	role: StaffRole;
	/** Office slug; required for a clerk (a KAC), not allowed for others. */
	office?: string | null;
	password: string;
}

/** Creates a staff member; a clerk is assigned to the office from `now`. Returns the id. */
export async function createStaff(db: Kysely<Database>, input: StaffFields, now: number, actor: Actor = SYSTEM_ACTOR): Promise<string> {
	const issues: { path: string; message: string }[] = [];
	const username = normalizeUsername(input.username);
	if (!USERNAME.test(username)) issues.push({ path: 'username', message: 'username_format' });
	if (!input.displayName.trim() || input.displayName.length > 100) issues.push({ path: 'displayName', message: 'required' });
	if (!STAFF_ROLES.includes(input.role)) issues.push({ path: 'role', message: 'unknown_role' });
	if (input.password.length < MIN_PASSWORD_LENGTH) issues.push({ path: 'password', message: 'password_too_short' });
	let officeId: string | null = null;
	if (input.role === 'clerk') {
		const office = input.office ? await officeBySlug(db, input.office) : undefined;
		if (!office || office.kind !== 'kac' || office.active !== 1) issues.push({ path: 'office', message: 'kac_office_required' });
		else officeId = office.id;
	} else if (input.office) {
		issues.push({ path: 'office', message: 'office_only_for_clerks' });
	}
	if (!issues.length && (await staffByUsername(db, username))) issues.push({ path: 'username', message: 'username_taken' });
	if (issues.length) throw new ValidationError(`Staff member "${input.username}" is not valid`, issues);

	const id = uuidv7();
	const passwordHash = await hashPassword(input.password);
	await db.transaction().execute(async (trx) => {
		await insertStaff(trx, {
			id,
			username,
			display_name: input.displayName.trim(),
			role: input.role,
			office_id: officeId,
			password_hash: passwordHash,
			active: 1,
			created_at: now,
			deactivated_at: null
		});
		if (officeId) await insertAssignment(trx, { id: uuidv7(), staff_id: id, office_id: officeId, active_from: now, active_until: null });
		await appendAuditBy(trx, actor, 'staff.create', { type: 'staff', id }, { username, role: input.role, officeId }, now);
	});
	return id;
}

/** Deactivates a staff member: ends the office assignment and every session at once. */
export async function deactivateStaff(db: Kysely<Database>, staffId: string, now: number, actor: Actor = SYSTEM_ACTOR): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const changed = await markStaffInactive(trx, staffId, now);
		await endOpenAssignments(trx, staffId, now);
		await revokeSessionsOfStaff(trx, staffId);
		if (changed) await appendAuditBy(trx, actor, 'staff.deactivate', { type: 'staff', id: staffId }, {}, now);
		return changed;
	});
}

/** Moves a clerk to another KAC from `now`; windows opened before stay with the old office. */
export async function reassignClerk(db: Kysely<Database>, staffId: string, officeSlug: string, now: number, actor: Actor = SYSTEM_ACTOR) {
	const office = await officeBySlug(db, officeSlug);
	const staff = await staffById(db, staffId);
	if (!office || office.kind !== 'kac') throw new ValidationError('Not a KAC office', [{ path: 'office', message: 'kac_office_required' }]);
	if (!staff || staff.role !== 'clerk') throw new ValidationError('Not a clerk', [{ path: 'staffId', message: 'not_clerk' }]);
	await db.transaction().execute(async (trx) => {
		await endOpenAssignments(trx, staffId, now);
		await insertAssignment(trx, { id: uuidv7(), staff_id: staffId, office_id: office.id, active_from: now, active_until: null });
		await setStaffOffice(trx, staffId, office.id);
		await revokeSessionsOfStaff(trx, staffId);
		await appendAuditBy(trx, actor, 'staff.assign', { type: 'staff', id: staffId }, { officeId: office.id, from: staff.office_id }, now);
	});
}
