/**
 * Shared pieces of the back-office tests: sessions for each kind of visitor, and a few
 * signing visits pushed through the real sync path.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';
import { staffActor } from '../../server/services/audit';
import { citizen, MINUTE, TestDevice, type TestApp, type World } from './kit';
import type { Identity } from '../../src/lib/domain/identity';
import { oldFormatCheckDigit } from '../../src/lib/domain/personal-code';

export type Visitor = 'anonymous' | 'clerk' | 'auditor' | 'library device' | 'administrator';
export const VISITORS: Visitor[] = ['anonymous', 'clerk', 'auditor', 'library device', 'administrator'];

/** A live session cookie for a staff member (optionally bound to a device), made directly. */
export async function sessionCookie(app: TestApp, staffId: string, deviceId: string | null = null): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await app.database.db
		.insertInto('session')
		.values({
			id: createHash('sha256').update(token, 'utf8').digest('hex'),
			staff_id: staffId,
			device_id: deviceId,
			created_at: app.now(),
			expires_at: app.now() + 3_600_000,
			revoked: 0
		})
		.execute();
	return token;
}

/** The cookie token each kind of visitor brings (undefined for anonymous). */
export async function visitorToken(app: TestApp, w: World, who: Visitor, libraryDevice: TestDevice): Promise<string | undefined> {
	switch (who) {
		case 'anonymous':
			return undefined;
		case 'clerk':
			return sessionCookie(app, w.clerkRiga);
		case 'auditor':
			return sessionCookie(app, w.auditor);
		case 'library device':
			// An administrator's login on a library PC: a public kiosk is no place to administer from.
			return sessionCookie(app, w.admin, libraryDevice.id);
		case 'administrator':
			return sessionCookie(app, w.admin);
	}
}

export const adminActor = (w: World) => staffActor(w.admin);

export async function countRows(db: Kysely<Database>, table: 'audit_log' | 'initiative' | 'office' | 'signature' | 'signing_window' | 'staff'): Promise<number> {
	const r = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function catalogVersion(db: Kysely<Database>): Promise<number> {
	const r = await db.selectFrom('catalog_meta').select('version').executeTakeFirstOrThrow();
	return Number(r.version);
}

/**
 * One visit through the real sync path: the clerk opens a window for `person`, the citizen signs
 * `initiatives`, the window closes. Returns the window id and the push results.
 */
export async function visit(
	device: TestDevice,
	o: { clerkId: string; at: number; initiatives: string[]; person?: Partial<Identity> }
) {
	const { record, windowId } = await device.openWindow({ clerkId: o.clerkId, openedAt: o.at, identity: citizen(o.person) });
	const records = [record];
	for (let i = 0; i < o.initiatives.length; i++) records.push(await device.sign(windowId, o.initiatives[i], o.at + (i + 1) * MINUTE));
	records.push(await device.close(windowId, o.at + (o.initiatives.length + 1) * MINUTE));
	const result = await device.push(records);
	return { windowId, result };
}

/** Valid old-format personal codes, one per n: '16117519997' style, all different. */
export function personalCode(n: number): string {
	const day = String((n % 28) + 1).padStart(2, '0');
	const month = String((Math.floor(n / 28) % 12) + 1).padStart(2, '0');
	const serial = String(Math.floor(n / 336) % 1000).padStart(3, '0');
	const first10 = `${day}${month}80` + `1${serial}`;
	return first10 + String(oldFormatCheckDigit(first10));
}

export function birthDateOf(code: string): string {
	return `19${code.slice(4, 6)}-${code.slice(2, 4)}-${code.slice(0, 2)}`;
}
