/**
 * The server's node:crypto fast paths (server/node-crypto.ts, server/identity-opener.ts) must
 * accept and produce exactly what the domain's WebCrypto code does.
 */
import * as nodeCrypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { identityOpener, WORKER_SOURCE } from '../../server/identity-opener';
import { makeBoxOpener, selfSealer, sha256Hex, verifyDeviceSignature } from '../../server/node-crypto';
import { createSecrets } from '../../server/secrets';
import { exportDevicePublicKey, generateDeviceKeyPair, pushSigningText, signText } from '../../src/lib/domain/device-signature';
import { GENESIS_HASH, hashInput, sealRecord, type UnsignedRecord } from '../../src/lib/domain/outbox-record';
import { generateSealingKeyPair, importOpeningKey, open, seal, type SealingKey } from '../../src/lib/domain/sealed-box';
import { sha256Hex as webSha256Hex, utf8 } from '../../src/lib/domain/bytes';

async function keys() {
	const pair = await generateSealingKeyPair();
	const key: SealingKey = { kid: 'k1', publicKey: pair.publicKey };
	return { pair, key, d: pair.privateKey.d! };
}

const identity = { givenName: 'Zigfrīds', surname: 'Ābelkoks', personalCode: '16117519997', note: 'ūdens ✓' };

describe('node:crypto paths agree with the domain', () => {
	it('sha256Hex is WebCrypto SHA-256 of the UTF-8 text', async () => {
		for (const text of ['', 'abc', 'Ābelkoks ūdens ✓ 😀', 'x'.repeat(10_000)]) {
			expect(sha256Hex(text)).toBe(await webSha256Hex(utf8(text)));
		}
	});

	it('makeBoxOpener opens what the domain seals, and refuses what the domain refuses', async () => {
		const { pair, key, d } = await keys();
		const openBox = makeBoxOpener(nodeCrypto, d);
		const box = await seal(identity, key);
		expect(JSON.parse(openBox(box))).toEqual(identity);
		expect(JSON.parse(openBox(box))).toEqual(await open(box, await importOpeningKey(pair.privateKey)));

		const other = await keys();
		expect(() => makeBoxOpener(nodeCrypto, other.d)(box)).toThrow();
		const flipped = box.ct.slice(0, -2) + (box.ct.endsWith('AA') ? 'AB' : 'AA');
		expect(() => openBox({ ...box, ct: flipped })).toThrow();
		expect(() => openBox({ ...box, kid: 'k2' })).toThrow(); // the kid is bound into the key
		expect(() => openBox({ ...box, epk: { ...box.epk, x: box.epk.y } })).toThrow(); // not on the curve
		expect(() => openBox({ ...box, iv: 'not base64url!' })).toThrow();
	});

	it('selfSealer seals boxes the domain opens, each with a fresh nonce', async () => {
		const { pair, key } = await keys();
		const sealer = selfSealer(key);
		const a = sealer('+37129876543');
		const b = sealer('+37129876543');
		expect(a.iv).not.toBe(b.iv);
		expect(a.ct).not.toBe(b.ct);
		const privateKey = await importOpeningKey(pair.privateKey);
		expect(await open(a, privateKey)).toBe('+37129876543');
		expect(await open(b, privateKey)).toBe('+37129876543');
	});

	it('verifyDeviceSignature agrees with the domain on good and bad signatures', async () => {
		const device = await generateDeviceKeyPair(true);
		const publicKey = JSON.stringify(await exportDevicePublicKey(device.publicKey));
		const hash = pushSigningText({ protocol: 2, deviceId: 'd1', deviceTime: 1, hashes: ['a'.repeat(64)] });
		const signature = await signText(device.privateKey, hash);
		expect(await verifyDeviceSignature(publicKey, hash, signature)).toBe(true);
		expect(await verifyDeviceSignature(publicKey, hash, signature)).toBe(true); // cached key
		expect(await verifyDeviceSignature(publicKey, hash.replace('"a', '"b'), signature)).toBe(false);
		expect(await verifyDeviceSignature(publicKey, hash, 'AAAA')).toBe(false);
		expect(await verifyDeviceSignature(publicKey, hash, 'not base64url!')).toBe(false);
		const stranger = await generateDeviceKeyPair(true);
		expect(await verifyDeviceSignature(publicKey, hash, await signText(stranger.privateKey, hash))).toBe(false);
		expect(await verifyDeviceSignature('{"kty":"EC"}', hash, signature)).toBe(false);
	});
});

describe('identity opener (worker thread, or this thread)', () => {
	const record = (seq: number, prevHash: string): UnsignedRecord => ({
		id: `019b7a4e-5c00-7000-8000-${String(seq).padStart(12, '0')}`,
		deviceId: 'device-1',
		seq,
		at: 1_767_261_600_000 + seq,
		prevHash,
		type: 'signature',
		payload: { windowId: '019b7a4e-5c00-7000-8000-000000000001', initiativeId: 'rīgas-ūdens', signedAt: 1_767_261_600_000 }
	});

	it('the worker thread itself opens and hashes as the calling thread does (a broken worker would only fall back silently)', async () => {
		const { key, d } = await keys();
		const first = await sealRecord(record(1, GENESIS_HASH));
		const worker = new Worker(WORKER_SOURCE, { eval: true });
		try {
			const answer = new Promise<{ out: (string | null)[]; hashes: string[] }>((resolve) => worker.once('message', resolve));
			worker.postMessage({ id: 1, d, boxes: [await seal({ n: 1 }, key)], records: [first] });
			const m = await answer;
			expect(m.out.map((t) => (t === null ? null : JSON.parse(t)))).toEqual([{ n: 1 }]);
			expect(m.hashes).toEqual([first.hash]);
		} finally {
			await worker.terminate();
		}
	});

	for (const workers of [null, 0]) {
		it(`opens boxes in order and hashes records as the chain does (CRYPTO_WORKERS=${workers ?? 'default'})`, async () => {
			const { key, d } = await keys();
			const boxes = [await seal({ n: 1 }, key), await seal({ n: 2 }, key), { ...(await seal({ n: 3 }, key)), ct: 'AAAA' }];
			const first = await sealRecord(record(1, GENESIS_HASH));
			const second = await sealRecord(record(2, first.hash));
			const work = await identityOpener(d, workers)(boxes, [first, second]);
			expect(work.opened.map((t) => (t === null ? null : JSON.parse(t)))).toEqual([{ n: 1 }, { n: 2 }, null]);
			expect(work.hashes).toEqual([first.hash, second.hash]);
			expect(work.hashes[0]).toBe(sha256Hex(hashInput(first)));
			expect(await identityOpener(d, workers)([], [])).toEqual({ opened: [], hashes: [] });
		});
	}

	it('Secrets.openIdentities: boxes for another key or altered are { ok: false }, the rest open', async () => {
		const { pair, key } = await keys();
		const secrets = await createSecrets({ sealing: { ...pair.privateKey, kid: key.kid }, personKeySecret: 'x'.repeat(32), samplingSecret: 'y'.repeat(32) });
		const good = await seal(identity, secrets.sealingKey);
		const foreign = { ...good, kid: 'someone-else' };
		const broken = { ...good, ct: good.ct.slice(4) };
		const { identities } = await secrets.openIdentities([good, foreign, broken, good]);
		expect(identities).toEqual([{ ok: true, value: identity }, { ok: false }, { ok: false }, { ok: true, value: identity }]);
		expect(await secrets.openIdentity(good)).toEqual(identity);
		await expect(secrets.openIdentity(broken)).rejects.toThrow();
	});
});
