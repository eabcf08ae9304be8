/**
 * Steps shared by the admin-*.spec.ts browser tests: logging in to the back office with the
 * keyboard, and signing visits at a demo office through the real sync API from the test
 * (real device keys, sealed identities and hash-chained records: the server cannot tell it
 * from an office PC).
 */
import type { Page } from '@playwright/test';
import { AppServer } from './app-server';
import { expect, test as base } from './fixtures';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_LOGINS } from '../../server/seed/demo-staff';
import { exportDevicePublicKey, generateDeviceKeyPair, signPush } from '../../src/lib/domain/device-signature';
import type { Identity } from '../../src/lib/domain/identity';
import { GENESIS_HASH, sealRecord, type OutboxRecord, type UnsignedRecord } from '../../src/lib/domain/outbox-record';
import { oldFormatCheckDigit } from '../../src/lib/domain/personal-code';
import { generateReceiptCode, parseReceiptCode, receiptCodeHash } from '../../src/lib/domain/receipt-code';
import { seal, type SealingKey } from '../../src/lib/domain/sealed-box';
import { SYNC_PROTOCOL_VERSION } from '../../src/lib/domain/sync-protocol';

/**
 * The back-office tests change the demo data (they open and close initiatives, edit offices,
 * reset a password), so they get a server of their own instead of the worker's shared one:
 * the catalog and office tests that count demo initiatives never see their changes.
 */
export const test = base.extend<object, { app: AppServer }>({
	app: [
		async ({}, use) => {
			const server = await AppServer.launch();
			await use(server);
			await server.dispose();
		},
		{ scope: 'worker', timeout: 60_000 }
	]
});
export { expect };

export const ADMIN = DEMO_LOGINS.find((l) => l.role === 'admin')!;
export const AUDITOR = DEMO_LOGINS.find((l) => l.role === 'auditor')!;
export const CLERK = DEMO_LOGINS.find((l) => l.role === 'clerk' && l.office === 'kac-grobina')!;

/** Presses Tab until the element matching `selector` has the focus; fails if it never does. */
export async function tabTo(page: Page, selector: string, max = 120) {
	for (let i = 0; i < max; i++) {
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${selector}`);
}

/** Types into the focused field after selecting what is there (keyboard only). */
export async function typeHere(page: Page, text: string) {
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('Delete');
	if (text) await page.keyboard.type(text);
}

/** Logs in at /admin/login with the keyboard alone. */
export async function adminLogin(page: Page, user = ADMIN) {
	await page.goto('/admin/login');
	await tabTo(page, '#f-username');
	await page.keyboard.type(user.username);
	await page.keyboard.press('Tab');
	await page.keyboard.type(user.password);
	await page.keyboard.press('Enter');
	if (user.role === 'admin') await expect(page).toHaveURL(/\/admin$/);
}

/** A dd.mm.yyyy date in Riga, `days` from now. */
export function rigaDate(days = 0): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Riga', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(Date.now() + days * 86_400_000);
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('day')}.${get('month')}.${get('year')}`;
}

export function rigaMonth(): string {
	const [, mm, yyyy] = rigaDate().split('.');
	return `${yyyy}-${mm}`;
}

/** A valid old-format personal code from a birth date and a serial (unique per test run). */
export function personalCode(day: number, month: number, year: number, serial: number): string {
	const first10 = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}${year >= 2000 ? 2 : 1}${String(serial).padStart(3, '0')}`;
	return first10 + String(oldFormatCheckDigit(first10));
}

export async function trpc<T>(base: string, path: string, o: { input?: unknown; mutation?: boolean; cookie?: string } = {}): Promise<{ data: T; cookie: string | null }> {
	const headers: Record<string, string> = {};
	if (o.cookie) headers.cookie = o.cookie;
	let res: Response;
	if (o.mutation) {
		headers['content-type'] = 'application/json';
		headers.origin = base;
		res = await fetch(`${base}/api/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(o.input ?? null) });
	} else {
		const q = o.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(o.input))}`;
		res = await fetch(`${base}/api/trpc/${path}${q}`, { headers });
	}
	const body = (await res.json()) as { result?: { data: T }; error?: unknown };
	if (!res.ok || !body.result) throw new Error(`${path} failed (${res.status}): ${JSON.stringify(body.error)}`);
	const setCookie = res.headers.get('set-cookie');
	return { data: body.result.data, cookie: setCookie ? setCookie.split(';')[0] : null };
}

export async function apiLogin(base: string, user: { username: string; password: string }): Promise<{ cookie: string; id: string }> {
	const r = await trpc<{ ok: boolean; staff: { id: string } }>(base, 'auth.login', { mutation: true, input: { username: user.username, password: user.password } });
	if (!r.data.ok || !r.cookie) throw new Error(`login of ${user.username} failed`);
	return { cookie: r.cookie, id: r.data.staff.id };
}

/**
 * An office PC of the demo Grobiņa KAC, driven from the test: enrolled with a code an
 * administrator made, then each visit is a window.open, signatures and a window.close pushed
 * through sync.push.
 */
export class ApiDevice {
	private seq = 0;
	private lastHash = GENESIS_HASH;

	private constructor(
		readonly base: string,
		readonly id: string,
		readonly officeId: string,
		private readonly keys: CryptoKeyPair,
		private readonly sealingKey: SealingKey,
		readonly initiativeIds: Map<string, string>
	) {}

	static async enroll(base: string, office = 'kac-grobina'): Promise<ApiDevice> {
		const admin = await apiLogin(base, ADMIN);
		const code = await trpc<{ code: string }>(base, 'device.createEnrollmentCode', { mutation: true, cookie: admin.cookie, input: { office, kind: 'kac' } });
		const keys = await generateDeviceKeyPair(true);
		const enrolled = await trpc<{ ok: boolean; device: { id: string; officeId: string } }>(base, 'device.enroll', {
			mutation: true,
			input: { code: code.data.code, publicKey: await exportDevicePublicKey(keys.publicKey) }
		});
		if (!enrolled.data.ok) throw new Error('enrollment failed');
		const pull = await trpc<{ sealingKey: SealingKey; catalog: { initiatives: { id: string; slug: string }[] } }>(base, 'sync.pull', {
			input: { deviceId: enrolled.data.device.id, sinceVersion: 0 }
		});
		const ids = new Map(pull.data.catalog.initiatives.map((i) => [i.slug, i.id]));
		return new ApiDevice(base, enrolled.data.device.id, enrolled.data.device.officeId, keys, pull.data.sealingKey, ids);
	}

	private async record(type: OutboxRecord['type'], payload: unknown, at: number): Promise<OutboxRecord> {
		const unsigned = { id: uuidv7(), deviceId: this.id, seq: this.seq + 1, at, prevHash: this.lastHash, type, payload } as UnsignedRecord;
		const record = await sealRecord(unsigned);
		this.seq = record.seq;
		this.lastHash = record.hash;
		return record;
	}

	/** One visit: the clerk opens a window, the citizen signs these initiatives (by id), then finishes. */
	async visit(clerkId: string, identity: Identity, initiativeIds: string[]): Promise<string[]> {
		return (await this.visitAt(clerkId, identity, initiativeIds, Date.now())).reasons;
	}

	/**
	 * `visit` with the window opened at `now` by the office PC's clock (a visit of an earlier day
	 * that the PC pushes only now, as an office that was offline does), with its receipt code.
	 */
	async visitAt(clerkId: string, identity: Identity, initiativeIds: string[], now: number): Promise<{ reasons: string[]; receiptCode: string; windowId: string }> {
		const windowId = uuidv7();
		const receipt = parseReceiptCode(generateReceiptCode());
		if (!receipt.ok) throw new Error('bad receipt code');
		const records = [
			await this.record(
				'window.open',
				{
					windowId,
					clerkId,
					officeId: this.officeId,
					openedAt: now,
					lengthMs: 15 * 60_000,
					attested: true,
					identity: await seal(identity, this.sealingKey),
					receiptHash: await receiptCodeHash(receipt.code)
				},
				now
			)
		];
		for (let i = 0; i < initiativeIds.length; i++) {
			records.push(await this.record('signature', { windowId, initiativeId: initiativeIds[i], signedAt: now + (i + 1) * 1000 }, now + (i + 1) * 1000));
		}
		records.push(await this.record('window.close', { windowId, closedAt: now + 10_000, reason: 'finished' }, now + 10_000));
		const signed = { protocol: SYNC_PROTOCOL_VERSION, deviceId: this.id, deviceTime: Date.now(), hashes: records.map((r) => r.hash) };
		const push = await trpc<{ ok: boolean; results: { state: string; reason: string }[] }>(this.base, 'sync.push', {
			mutation: true,
			input: {
				protocol: SYNC_PROTOCOL_VERSION,
				deviceId: this.id,
				deviceTime: signed.deviceTime,
				records,
				signature: await signPush(this.keys.privateKey, signed)
			}
		});
		if (!push.data.ok) throw new Error(`push refused: ${JSON.stringify(push.data)}`);
		return { reasons: push.data.results.map((r) => r.reason), receiptCode: receipt.code, windowId };
	}
}

export function citizen(givenName: string, surname: string, code: string, extra: Partial<Identity> = {}): Identity {
	return {
		givenName,
		surname,
		personalCode: code,
		birthDate: `${Number(code.slice(6, 7)) === 2 ? 20 : 19}${code.slice(4, 6)}-${code.slice(2, 4)}-${code.slice(0, 2)}`,
		documentType: 'passport',
		documentNumber: 'LV1234567',
		citizenship: 'LV',
		declaredMunicipality: 'dienvidkurzemes-novads',
		propertyMunicipalities: [],
		qcPhone: null,
		qcConsent: false,
		...extra
	};
}
