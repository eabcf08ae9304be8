/**
 * Server-side node:crypto versions of the domain's WebCrypto operations, for the sync hot path.
 * Each produces or accepts exactly the bytes its domain counterpart does
 * (tests/server/node-crypto.spec.ts checks them against each other):
 *
 * - `sha256Hex`: the server's one SHA-256 of a text, as hex: the outbox hash chain
 *   (src/lib/domain/outbox-record.ts), the audit chain, statements and token digests. WebCrypto's digest is
 *   asynchronous and costs a thread-pool round trip per record; this is a plain function call.
 * - `makeBoxOpener`: opens a sealed identity (src/lib/domain/sealed-box.ts `open`) with one
 *   ECDH key agreement, HKDF (two HMACs) and one AES-GCM decryption. WebCrypto needs two key
 *   imports per box for the same work, and its JWK import of the ephemeral key re-validates
 *   the point with a second full scalar multiplication; here the point is decoded with
 *   OpenSSL's on-curve check, which is all P-256 (cofactor 1) needs. The key agreement is the
 *   most expensive step of a push, so server/identity-opener.ts runs this same function on a
 *   worker thread, off the event loop.
 * - `selfSealer`: seals values the server keeps for itself (QC phone numbers) in the same box
 *   format. Its ephemeral key is made once per process and never leaves memory, so each box
 *   costs one AES-GCM encryption instead of a key generation and a key agreement; only the
 *   server's private key (or this process's memory) opens them, as before. The ephemeral key
 *   is renewed every 2^20 boxes, far below AES-GCM's limit for random 96-bit nonces.
 */
import * as nodeCrypto from 'node:crypto';
import { fromBase64Url, utf8 } from '../src/lib/domain/bytes';
import { canonicalJson } from '../src/lib/domain/canonical-json';
import { SEALED_BOX_ALG, type SealedBox, type SealingKey } from '../src/lib/domain/sealed-box';

export function sha256Hex(text: string): string {
	return nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

type NodeCrypto = Pick<typeof nodeCrypto, 'createECDH' | 'createDecipheriv' | 'createHmac'>;

/**
 * Returns a function that opens boxes sealed to the private scalar `d` (base64url) and returns
 * the plaintext JSON text; it throws for anything not sealed to that key or altered.
 *
 * Self-contained on purpose (it uses only its arguments and Buffer): identity-opener.ts sends
 * its source text to a worker thread, so that both run the very same code.
 */
export function makeBoxOpener(crypto: NodeCrypto, d: string): (box: SealedBox) => string {
	const b64u = (text: unknown, bytes?: number) => {
		if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
		const out = Buffer.from(text, 'base64url');
		if (bytes !== undefined && out.length !== bytes) throw new Error('wrong length');
		return out;
	};
	const hmac = (key: Buffer, data: Buffer) => crypto.createHmac('sha256', key).update(data).digest();
	const info = Buffer.concat([Buffer.from('klatiene identity v1', 'utf8'), Buffer.from([1])]);
	const ecdh = crypto.createECDH('prime256v1');
	ecdh.setPrivateKey(b64u(d, 32));
	return (box) => {
		if (!box || box.alg !== 'ECDH-ES+HKDF-SHA256+A256GCM' || !box.epk || box.epk.kty !== 'EC' || box.epk.crv !== 'P-256') {
			throw new Error('not a sealed box');
		}
		const point = Buffer.concat([Buffer.from([4]), b64u(box.epk.x, 32), b64u(box.epk.y, 32)]);
		// Throws unless the point is on the curve.
		const shared = ecdh.computeSecret(point);
		// HKDF-SHA-256 (RFC 5869) for one 32-byte block: extract, then expand with counter 1.
		const key = hmac(hmac(Buffer.from(String(box.kid), 'utf8'), shared), info);
		const iv = b64u(box.iv);
		const data = b64u(box.ct);
		if (iv.length === 0 || data.length < 16) throw new Error('sealed box too short');
		const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
		decipher.setAuthTag(data.subarray(data.length - 16));
		return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
	};
}

function coordinate(text: string): Buffer {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
	const bytes = Buffer.from(text, 'base64url');
	if (bytes.length !== 32) throw new Error('not a P-256 coordinate');
	return bytes;
}

const RENEW_AFTER = 1 << 20;
const INFO = Buffer.from('klatiene identity v1', 'utf8');

/** Seals values to the server's own public key, as the domain's `seal` does. */
export function selfSealer(key: SealingKey): (value: unknown) => SealedBox {
	const server = Buffer.concat([Buffer.from([4]), coordinate(key.publicKey.x!), coordinate(key.publicKey.y!)]);
	let current: { epk: SealedBox['epk']; key: Buffer; uses: number } | null = null;
	const renew = () => {
		const eph = nodeCrypto.createECDH('prime256v1');
		eph.generateKeys();
		const pub = eph.getPublicKey();
		const shared = eph.computeSecret(server);
		current = {
			epk: { kty: 'EC', crv: 'P-256', x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url') },
			key: Buffer.from(nodeCrypto.hkdfSync('sha256', shared, Buffer.from(key.kid, 'utf8'), INFO, 32)),
			uses: 0
		};
		return current;
	};
	return (value) => {
		const c = current && current.uses < RENEW_AFTER ? current : renew();
		c.uses++;
		const iv = nodeCrypto.randomBytes(12);
		const cipher = nodeCrypto.createCipheriv('aes-256-gcm', c.key, iv, { authTagLength: 16 });
		const ct = Buffer.concat([cipher.update(canonicalJson(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
		return { alg: SEALED_BOX_ALG, kid: key.kid, epk: c.epk, iv: iv.toString('base64url'), ct: ct.toString('base64url') };
	};
}

const DEVICE_KEY_CACHE = 5_000;
const deviceKeys = new Map<string, Promise<CryptoKey>>();

/**
 * The domain's `verifyText` (ECDSA P-256 / SHA-256 over the UTF-8 bytes of a text the domain
 * built with `pushSigningText` or `pullSigningText`, IEEE P1363 signature) with each device's
 * imported key kept, so a push does not re-import and
 * re-validate the same public key: that import is a full scalar multiplication on the event
 * loop. The verification itself runs on the thread pool, as before.
 */
export async function verifyDeviceSignature(publicKeyJson: string, signedText: string, signature: string): Promise<boolean> {
	let key = deviceKeys.get(publicKeyJson);
	if (!key) {
		const jwk = JSON.parse(publicKeyJson) as JsonWebKey;
		key = crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
		key.catch(() => deviceKeys.delete(publicKeyJson));
		if (deviceKeys.size >= DEVICE_KEY_CACHE) deviceKeys.delete(deviceKeys.keys().next().value!);
		deviceKeys.set(publicKeyJson, key);
	}
	try {
		return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, await key, fromBase64Url(signature), utf8(signedText));
	} catch {
		return false;
	}
}
