/**
 * Helpers of the quality-control tests: people with distinct valid personal codes, visits made
 * of real signed record chains (tests/server/kit.ts), logins as auditors, clerks and on library
 * devices.
 */
import { v7 as uuidv7 } from 'uuid';
import { oldFormatCheckDigit } from '../../src/lib/domain/personal-code';
import { SCORE_SPACE } from '../../src/lib/domain/qc-sampling';
import { scoreWith } from '../../server/services/qc/sampling-key';
import type { Identity } from '../../src/lib/domain/identity';
import { login } from '../../server/services/auth';
import { createStaff } from '../../server/services/staff';
import { citizen, MINUTE, PASSWORD, type TestApp, type TestDevice } from './kit';

let serial = 0;

/** A valid adult citizen of Rīga with a personal code no other test person has. */
export function person(extra: Partial<Identity> = {}): Identity {
	serial++;
	const day = 1 + (serial % 28);
	const month = 1 + (Math.floor(serial / 28) % 12);
	const yy = 50 + (Math.floor(serial / 336) % 40);
	const tail = String(serial % 1000).padStart(3, '0');
	const first10 = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${yy}1${tail}`;
	return citizen({
		personalCode: first10 + oldFormatCheckDigit(first10),
		birthDate: `19${yy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
		qcPhone: `+3712${String(1_000_000 + serial).slice(-7)}`,
		...extra
	});
}

export interface VisitOptions {
	identity?: Identity;
	/** Seconds from opening to each signature. */
	signAfterSec?: number[];
	/** Seconds from opening to the close; null leaves the window open. */
	closeAfterSec?: number | null;
	/** The device's clock offset at the push: deviceTime = now − offset. */
	deviceTimeOffsetMs?: number;
	/** Push now (default) or leave the records to the caller. */
	push?: boolean;
	/** A chosen window id (see `windowIdScored`). */
	windowId?: string;
}

/** One visit: a window, signatures on these initiatives, and a close; pushed at app.now(). */
export async function visit(app: TestApp, kac: TestDevice, clerkId: string, initiatives: string[], openedAt: number, o: VisitOptions = {}) {
	const opened = await kac.openWindow({ clerkId, openedAt, identity: o.identity ?? person(), windowId: o.windowId });
	const records = [opened.record];
	const after = o.signAfterSec ?? initiatives.map((_, i) => 60 * (i + 1));
	for (let i = 0; i < initiatives.length; i++) records.push(await kac.sign(opened.windowId, initiatives[i], openedAt + after[i] * 1000));
	const close = o.closeAfterSec === undefined ? Math.max(...after, 0) + 60 : o.closeAfterSec;
	if (close !== null) records.push(await kac.close(opened.windowId, openedAt + close * 1000));
	if (o.push !== false) {
		const result = await kac.push(records, { deviceTime: app.now() - (o.deviceTimeOffsetMs ?? 0) });
		if (!result.ok) throw new Error(`push failed: ${result.reason}`);
	}
	return { ...opened, records };
}

/** Pushes a visit as if the office PC synced `delayMin` minutes after the visit closed. */
export async function promptVisit(app: TestApp, kac: TestDevice, clerkId: string, initiatives: string[], openedAt: number, o: VisitOptions = {}) {
	app.setNow(openedAt + 10 * MINUTE);
	return visit(app, kac, clerkId, initiatives, openedAt, o);
}

/**
 * A fresh window id whose sampling score under `secret` satisfies `wanted` (as a share of the
 * score space, 0 … 1): tests choose which visits the sample takes instead of hoping for it.
 */
export function windowIdScored(secret: string, wanted: (share: number) => boolean): string {
	for (let i = 0; i < 10_000; i++) {
		const id = uuidv7();
		if (wanted(scoreWith(secret, id) / SCORE_SPACE)) return id;
	}
	throw new Error('no window id with such a score in 10 000 tries');
}

export async function auditor(app: TestApp, username: string): Promise<string> {
	return createStaff(app.database.db, { username, displayName: username, role: 'auditor', password: PASSWORD }, app.now() - 1000);
}

export async function sessionCookie(app: TestApp, username: string, deviceId?: string): Promise<string> {
	const r = await login(app, { username, password: PASSWORD, deviceId }, '10.9.9.9');
	if (!r.ok) throw new Error(`login failed: ${r.reason}`);
	return `kt_session=${r.token}`;
}
