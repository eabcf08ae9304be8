/**
 * Helpers of the quality-control browser tests. Visits are made the way an office PC makes them:
 * a device enrolled with a one-time code, a clerk logged in on it, and real hash-chained,
 * device-signed outbox records with the identity sealed to the server's key, pushed to
 * `sync.push` over HTTP. The server under test has a known QC_SAMPLING_SECRET, so a test can
 * make visits the sampler selects (the score is the domain's sampleScore of the window id).
 */
import { request, type APIRequestContext } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_LOGINS } from '../../server/seed/demo-staff';
import { exportDevicePublicKey, generateDeviceKeyPair, signPush } from '../../src/lib/domain/device-signature';
import type { Identity } from '../../src/lib/domain/identity';
import { GENESIS_HASH, sealRecord, type OutboxRecord, type UnsignedRecord } from '../../src/lib/domain/outbox-record';
import { oldFormatCheckDigit } from '../../src/lib/domain/personal-code';
import { sampleScore } from '../../src/lib/domain/qc-sampling';
import { generateReceiptCode, parseReceiptCode, receiptCodeHash } from '../../src/lib/domain/receipt-code';
import { seal, type SealingKey } from '../../src/lib/domain/sealed-box';
import { SYNC_PROTOCOL_VERSION } from '../../src/lib/domain/sync-protocol';
import { AppServer } from './app-server';
import { enrollmentCode } from './office-helpers';

export const QC_SECRET = 'e2e-quality-control-sampling-secret-0001';
export const AUDITOR = DEMO_LOGINS.find((l) => l.role === 'auditor')!;
export const ADMIN = DEMO_LOGINS.find((l) => l.role === 'admin')!;
export const CLERK = DEMO_LOGINS.find((l) => l.username === 'klerks.grobina')!;
export const NATIONAL = ['pvn-augliem-un-darzeniem', 'bezmaksas-transports-skoleniem'];

export function launchQcServer(): Promise<AppServer> {
	return AppServer.launch({ QC_SAMPLING_SECRET: QC_SECRET });
}

/** tRPC over HTTP as a browser would call it (Origin set, cookies kept by the context). */
export async function api(app: AppServer): Promise<APIRequestContext> {
	return request.newContext({ baseURL: app.url, extraHTTPHeaders: { origin: app.url } });
}

export async function trpc<T = unknown>(ctx: APIRequestContext, path: string, input?: unknown, method: 'GET' | 'POST' = 'POST'): Promise<{ status: number; data: T }> {
	const res =
		method === 'GET'
			? await ctx.get(`/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`)
			: await ctx.post(`/api/trpc/${path}`, { data: input ?? null });
	const body = await res.json().catch(() => ({}));
	return { status: res.status(), data: body?.result?.data as T };
}

let serial = 0;
export function person(phone: string | null = `+3712${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`): Identity {
	serial++;
	const day = 1 + Math.floor(Math.random() * 27);
	const tail = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
	const first10 = `${String(day).padStart(2, '0')}0${1 + (serial % 9)}6${serial % 10}1${tail}`;
	return {
		givenName: 'Anna',
		surname: 'Paraugs',
		personalCode: first10 + oldFormatCheckDigit(first10),
		birthDate: `196${serial % 10}-0${1 + (serial % 9)}-${String(day).padStart(2, '0')}`,
		documentType: 'passport',
		documentNumber: `LV${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
		citizenship: 'LV',
		declaredMunicipality: 'dienvidkurzemes-novads',
		propertyMunicipalities: [],
		qcPhone: phone,
		qcConsent: phone !== null
	};
}

/** An enrolled office PC with a clerk logged in, writing its own hash chain. */
export class OfficePc {
	seq = 0;
	lastHash = GENESIS_HASH;
	private constructor(
		readonly ctx: APIRequestContext,
		readonly deviceId: string,
		readonly officeId: string,
		readonly clerkId: string,
		readonly keys: CryptoKeyPair,
		readonly sealingKey: SealingKey,
		readonly initiatives: Map<string, string>
	) {}

	static async open(app: AppServer, office = 'kac-grobina', clerk: { username: string; password: string } = CLERK): Promise<OfficePc> {
		const ctx = await api(app);
		const keys = await generateDeviceKeyPair(true);
		const enrolled = await trpc<{ ok: boolean; device: { id: string; officeId: string } }>(ctx, 'device.enroll', {
			code: enrollmentCode(app, office),
			publicKey: await exportDevicePublicKey(keys.publicKey)
		});
		if (!enrolled.data?.ok) throw new Error(`enrollment failed: ${JSON.stringify(enrolled)}`);
		const device = enrolled.data.device;
		const logged = await trpc<{ ok: boolean; staff: { id: string } }>(ctx, 'auth.login', { username: clerk.username, password: clerk.password, deviceId: device.id });
		if (!logged.data?.ok) throw new Error('clerk login failed');
		const pull = await trpc<{ sealingKey: SealingKey; catalog: { initiatives: { id: string; slug: string }[] } }>(
			ctx,
			'sync.pull',
			{ deviceId: device.id, sinceVersion: 0 },
			'GET'
		);
		const initiatives = new Map(pull.data.catalog.initiatives.map((i) => [i.slug, i.id]));
		return new OfficePc(ctx, device.id, device.officeId, logged.data.staff.id, keys, pull.data.sealingKey, initiatives);
	}

	private async record(type: OutboxRecord['type'], payload: unknown, at: number): Promise<OutboxRecord> {
		const unsigned = { id: uuidv7(), deviceId: this.deviceId, seq: this.seq + 1, at, prevHash: this.lastHash, type, payload } as UnsignedRecord;
		const r = await sealRecord(unsigned);
		this.seq = r.seq;
		this.lastHash = r.hash;
		return r;
	}

	/**
	 * One visit, signed on the given initiatives and closed, pushed at once. `sampled`: true → a
	 * window id the sampler selects at the base rate, false → one it does not select even at 50 %.
	 */
	async visit(slugs: string[], o: { identity?: Identity; sampled?: boolean } = {}) {
		let windowId = uuidv7();
		if (o.sampled !== undefined) {
			for (;;) {
				const s = (await sampleScore(QC_SECRET, windowId)) / 2 ** 32;
				if (o.sampled ? s < 0.1 : s >= 0.5) break;
				windowId = uuidv7();
			}
		}
		const receiptCode = generateReceiptCode();
		const parsed = parseReceiptCode(receiptCode);
		if (!parsed.ok) throw new Error('bad receipt code');
		const t = Date.now() - 5 * 60_000;
		const records = [
			await this.record(
				'window.open',
				{
					windowId,
					clerkId: this.clerkId,
					officeId: this.officeId,
					openedAt: t,
					lengthMs: 15 * 60_000,
					attested: true,
					identity: await seal(o.identity ?? person(), this.sealingKey),
					receiptHash: await receiptCodeHash(parsed.code)
				},
				t
			)
		];
		for (const [i, slug] of slugs.entries()) {
			records.push(await this.record('signature', { windowId, initiativeId: this.initiatives.get(slug)!, signedAt: t + (i + 1) * 60_000 }, t + (i + 1) * 60_000));
		}
		records.push(await this.record('window.close', { windowId, closedAt: t + (slugs.length + 1) * 60_000, reason: 'finished' }, t + (slugs.length + 1) * 60_000));
		const signed = { protocol: SYNC_PROTOCOL_VERSION, deviceId: this.deviceId, deviceTime: Date.now(), hashes: records.map((r) => r.hash) };
		const push = await trpc<{ ok: boolean; results: { state: string }[] }>(this.ctx, 'sync.push', {
			protocol: SYNC_PROTOCOL_VERSION,
			deviceId: this.deviceId,
			deviceTime: signed.deviceTime,
			records,
			signature: await signPush(this.keys.privateKey, signed)
		});
		if (!push.data?.ok || push.data.results.some((r) => r.state !== 'accepted')) throw new Error(`push failed: ${JSON.stringify(push)}`);
		return { windowId, receiptCode };
	}
}
