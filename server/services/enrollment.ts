/**
 * Devices (DESIGN §2): an administrator issues a one-time code for an office; a browser
 * profile presents it with its new public key and becomes that office's device. Codes are
 * stored only as hashes, work once, and expire. A revoked device can sync nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { isDevicePublicKey } from '../../src/lib/domain/device-signature';
import type { Localized } from '../../src/lib/domain/catalog-protocol';
import { GENESIS_HASH } from '../../src/lib/domain/outbox-record';
import type { App } from '../app';
import type { Database, DeviceKind } from '../db/schema';
import { insertDevice, markDeviceRevoked } from '../repositories/devices';
import { enrollmentCodeByHash, insertEnrollmentCode, useEnrollmentCode } from '../repositories/enrollment-codes';
import { officeById, officeBySlug } from '../repositories/offices';
import { revokeSessionsOfDevice } from '../repositories/sessions';
import { appendAuditBy, SYSTEM_ACTOR, type Actor } from './audit';
import { ValidationError } from './catalog';
import { clientKey, giveBack, take, type Limit } from './rate-limit';

/** Crockford base 32: no I, L, O, U, so a code read aloud or typed from paper survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;
export const DEFAULT_ENROLLMENT_TTL_MS = 24 * 3_600_000;
export const MAX_ENROLLMENT_TTL_MS = 14 * 24 * 3_600_000;
/**
 * Attempts from one address (IPv6: one /64) in 15 minutes; a device that enrolls gives its
 * attempt back, so only wrong codes use it up. 60 random bits make guessing hopeless anyway.
 */
export const ENROLL_LIMIT: Limit = { max: 10, windowMs: 15 * 60_000 };
const ENROLL_SCOPE = 'enroll';

/** 'ABCD-EFGH-JKMN' style: 12 characters, 60 random bits, in groups of four. */
export function generateEnrollmentCode(): string {
	const bytes = randomBytes(CODE_LENGTH);
	let code = '';
	for (const b of bytes) code += ALPHABET[b & 31];
	return code.match(/.{4}/g)!.join('-');
}

/** What a person typed, in the one form codes are hashed in; null if it cannot be a code. */
export function normalizeEnrollmentCode(input: string): string | null {
	const cleaned = input
		.toUpperCase()
		.replace(/[\s\-–—.]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (cleaned.length !== CODE_LENGTH || [...cleaned].some((c) => !ALPHABET.includes(c))) return null;
	return cleaned;
}

function codeHash(normalized: string): string {
	return createHash('sha256').update(`klatiene-enroll:${normalized}`, 'utf8').digest('hex');
}

export async function createEnrollmentCode(
	db: Kysely<Database>,
	officeSlug: string,
	kind: DeviceKind | undefined,
	ttlMs: number,
	now: number,
	actor: Actor = SYSTEM_ACTOR
): Promise<{ code: string; officeId: string; kind: DeviceKind; expiresAt: number }> {
	const office = await officeBySlug(db, officeSlug);
	if (!office) throw new ValidationError(`No office "${officeSlug}"`, [{ path: 'office', message: 'unknown_office' }]);
	if (office.active !== 1) {
		throw new ValidationError(`Office "${officeSlug}" is closed: enroll devices only for an active office`, [{ path: 'office', message: 'office_inactive' }]);
	}
	const deviceKind = kind ?? office.kind;
	// A library is an information point: it never gets a signing device.
	if (deviceKind === 'kac' && office.kind !== 'kac') {
		throw new ValidationError(`Office "${officeSlug}" is not a KAC`, [{ path: 'kind', message: 'kac_device_needs_kac_office' }]);
	}
	if (!Number.isFinite(ttlMs) || ttlMs <= 0 || ttlMs > MAX_ENROLLMENT_TTL_MS) {
		throw new ValidationError('Bad code lifetime', [{ path: 'ttl', message: 'ttl_range' }]);
	}
	const code = generateEnrollmentCode();
	const expiresAt = now + ttlMs;
	await db.transaction().execute(async (trx) => {
		await insertEnrollmentCode(trx, {
			code_hash: codeHash(normalizeEnrollmentCode(code)!),
			office_id: office.id,
			kind: deviceKind,
			created_at: now,
			expires_at: expiresAt,
			used_at: null,
			device_id: null
		});
		// The code itself never goes into the log: it would enroll a device.
		await appendAuditBy(trx, actor, 'device.enrollment_code', { type: 'office', id: office.id }, { kind: deviceKind, expiresAt }, now);
	});
	return { code, officeId: office.id, kind: deviceKind, expiresAt };
}

export interface EnrolledDevice {
	id: string;
	officeId: string;
	kind: DeviceKind;
	officeName: Localized;
}

export type EnrollResult =
	| { ok: true; device: EnrolledDevice }
	| { ok: false; reason: 'invalid_code' | 'expired' | 'used' | 'bad_key' | 'rate_limited'; retryAfterSec?: number };

export async function enrollDevice(
	app: App,
	input: { code: string; publicKey: unknown },
	ip: string
): Promise<EnrollResult> {
	const db = app.database.db;
	const now = app.now();
	const client = clientKey(ip);
	// Counted before the code is looked up, so parallel or batched guesses cannot outrun the limit.
	const taken = await take(db, ENROLL_SCOPE, client, ENROLL_LIMIT, now);
	if (!taken.ok) return { ok: false, reason: 'rate_limited', retryAfterSec: taken.retryAfterSec };
	const fail = (reason: 'invalid_code' | 'expired' | 'used') => ({ ok: false as const, reason });

	if (!isDevicePublicKey(input.publicKey)) return { ok: false, reason: 'bad_key' };
	const jwk = input.publicKey;
	try {
		await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
	} catch {
		return { ok: false, reason: 'bad_key' };
	}
	const normalized = normalizeEnrollmentCode(input.code);
	if (!normalized) return fail('invalid_code');
	const hash = codeHash(normalized);
	const code = await enrollmentCodeByHash(db, hash);
	if (!code) return fail('invalid_code');
	if (code.used_at !== null) return fail('used');
	if (code.expires_at <= now) return fail('expired');
	const office = await officeById(db, code.office_id);
	if (!office) return fail('invalid_code');

	const id = uuidv7();
	const won = await db.transaction().execute(async (trx) => {
		// Marking the code used first makes a race between two devices end with one winner.
		if (!(await useEnrollmentCode(trx, hash, id, now))) return false;
		await insertDevice(trx, {
			id,
			office_id: code.office_id,
			kind: code.kind,
			public_key: JSON.stringify({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }),
			status: 'active',
			enrolled_at: now,
			revoked_at: null,
			last_seq: 0,
			last_hash: GENESIS_HASH,
			last_sync_at: null,
			clock_offset_ms: null,
			flagged: 0,
			flag_reason: null,
			flagged_at: null
		});
		await appendAuditBy(trx, { type: 'device', id }, 'device.enroll', { type: 'office', id: code.office_id }, { kind: code.kind }, now);
		return true;
	});
	if (!won) return fail('used');
	await giveBack(db, ENROLL_SCOPE, client);
	return {
		ok: true,
		device: { id, officeId: code.office_id, kind: code.kind, officeName: { lv: office.name_lv, en: office.name_en } }
	};
}

/** Revokes a device for good and ends every session opened on it. False if it was not active. */
export async function revokeDevice(db: Kysely<Database>, deviceId: string, now: number, actor: Actor = SYSTEM_ACTOR): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const changed = await markDeviceRevoked(trx, deviceId, now);
		await revokeSessionsOfDevice(trx, deviceId);
		if (changed) await appendAuditBy(trx, actor, 'device.revoke', { type: 'device', id: deviceId }, {}, now);
		return changed;
	});
}
