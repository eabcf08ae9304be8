/**
 * Where the server's keys come from (DESIGN §4 "Keys": never from the database they protect):
 *
 *   1. the environment: SEALING_PRIVATE_KEY (+ SEALING_RETIRED_KEYS), PERSON_KEY_SECRET,
 *      QC_SAMPLING_SECRET, each one overriding the key file for that key;
 *   2. the key file (server/keys/key-file.ts): KEY_FILE, or for the demo ./data/secrets.json;
 *   3. the demo only (server/keys/demo.ts): made now and written to the key file, mode 0600.
 *
 * Anything else missing stops the server with a message naming what to set.
 *
 * An earlier version kept keys it made in the `server_secret` table. Those are moved out once:
 * written to the key file, then deleted from the database, whose file is then rewritten so
 * that the deleted bytes are gone too (server/keys/scrub.ts). A sealing key there that is not
 * the configured one is kept as a retired key (the identities sealed to it still open); a
 * person-key or sampling secret that disagrees with the configured one stops the server, since
 * either choice would silently break deduplication or the sample.
 */
import type { Kysely } from 'kysely';
import { ConfigError, type Config } from '../config';
import type { Dialect } from '../db/connect';
import type { Database } from '../db/schema';
import { deleteLegacySecrets, LEGACY_SECRET_NAMES, legacySecrets } from '../repositories/server-secrets';
import { createSecrets, type KeySource, type Secrets } from '../secrets';
import { keyFilePath } from './demo';
import { checkPrivateJwk, kidOf, type PrivateJwk } from './jwk';
import {
	createKeyFile,
	emptyKeyFile,
	newSealingEntry,
	randomSecret,
	readKeyFile,
	replaceKeyFile,
	type KeyFile,
	type SealingEntry
} from './key-file';
import { checkPersonKeySecret } from './check';
import { scrubDeleted } from './scrub';

export interface LoadKeysOptions {
	/** Running the demo (server/keys/demo.ts): missing keys may be made, into the key file. */
	demo: boolean;
	now?: number;
}

export interface LoadedKeys {
	secrets: Secrets;
	/** The key file used (read, made or completed), if any. */
	keyFile: string | null;
	/** What this start wrote to the key file: 'made' (new keys) and/or 'moved' (from the database). */
	wrote: ('made' | 'moved')[];
	/** Names of the `server_secret` rows moved out and deleted. */
	movedFromDatabase: string[];
	warnings: string[];
}

export interface KeyDatabase {
	db: Kysely<Database>;
	dialect: Dialect;
}

const ENV_NAMES = 'SEALING_PRIVATE_KEY, PERSON_KEY_SECRET and QC_SAMPLING_SECRET';

function missingKeys(missing: string[], path: string | null): ConfigError {
	const lines = [
		`Klātiene cannot start: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set. Keys are never kept in the database.`,
		path
			? `  The key file ${path} does not hold ${missing.length > 1 ? 'them' : 'it'}.`
			: '  No key file is named (KEY_FILE) and no key is in the environment.',
		`  Set KEY_FILE to a key file outside the database (make one with: npm run admin -- make-keys /etc/klatiene/secrets.json),`,
		`  or set ${ENV_NAMES} from your secret store (README "Keys").`,
		'  For the demo, run `npm start` on a fresh checkout without DATABASE_URL (or set DEMO_DATA=on).'
	];
	return new ConfigError(lines.join('\n'));
}

function envSealing(config: Config): PrivateJwk | null {
	if (!config.sealingPrivateKey) {
		if (config.sealingPublicKey) throw new ConfigError('SEALING_PUBLIC_KEY is set without SEALING_PRIVATE_KEY');
		return null;
	}
	const jwk = checkPrivateJwk(config.sealingPrivateKey, 'SEALING_PRIVATE_KEY');
	const given = config.sealingPublicKey;
	if (given && (given.x !== jwk.x || given.y !== jwk.y || given.crv !== jwk.crv)) {
		throw new ConfigError('SEALING_PUBLIC_KEY is not the public half of SEALING_PRIVATE_KEY');
	}
	return { ...jwk, kid: jwk.kid ?? given?.kid };
}

const entryJwk = (e: SealingEntry): PrivateJwk => ({ ...(e.jwk as PrivateJwk), kid: e.kid });
const sameKey = (a: PrivateJwk, b: PrivateJwk) => a.d === b.d && kidOf(a) === kidOf(b);

function legacySealingOf(value: string | undefined): PrivateJwk | null {
	if (value === undefined) return null;
	let jwk: unknown;
	try {
		jwk = JSON.parse(value);
	} catch {
		throw new ConfigError('server_secret.sealing_private_key (kept by an earlier version) is not JSON: it cannot be moved out');
	}
	return checkPrivateJwk(jwk as PrivateJwk, 'server_secret.sealing_private_key');
}

/** Reads, completes (demo) or moves in (from the database) the keys, and builds the Secrets. */
export async function loadKeys(database: KeyDatabase, config: Config, options: LoadKeysOptions): Promise<LoadedKeys> {
	const now = options.now ?? Date.now();
	const path = keyFilePath(config);
	const read = path ? readKeyFile(path) : null;
	const warnings = read?.warning ? [read.warning] : [];
	const next: KeyFile = read ? structuredClone(read.file) : emptyKeyFile(options.demo);
	const wrote = new Set<'made' | 'moved'>();

	const env = {
		sealing: envSealing(config),
		retired: config.sealingRetiredKeys.map((k, i) => checkPrivateJwk(k, `SEALING_RETIRED_KEYS[${i}]`)),
		personKey: config.personKeySecret,
		sampling: config.qc.samplingSecret
	};
	const fileCurrent = () => next.sealing.find((k) => k.status === 'current');

	// Keys an earlier version kept in the database: into the key file, unless already there.
	const legacy = await legacySecrets(database.db);
	const toDelete: string[] = [];
	const oldSealing = legacySealingOf(legacy.get(LEGACY_SECRET_NAMES.sealing));
	if (oldSealing) {
		const configured = env.sealing ?? (fileCurrent() ? entryJwk(fileCurrent()!) : null);
		const known = [configured, ...env.retired, ...next.sealing.map(entryJwk)].some((k) => k && sameKey(k, oldSealing));
		if (!known) {
			const { kty, crv, x, y, d } = oldSealing;
			next.sealing.push({
				status: configured ? 'retired' : 'current',
				kid: kidOf(oldSealing),
				created: new Date(now).toISOString(),
				...(configured ? { retired: new Date(now).toISOString() } : {}),
				jwk: { kty: kty as 'EC', crv: crv as 'P-256', x: x!, y: y!, d: d! }
			});
			wrote.add('moved');
		}
		toDelete.push(LEGACY_SECRET_NAMES.sealing);
	}
	for (const [name, field, envValue, envName] of [
		[LEGACY_SECRET_NAMES.personKey, 'personKeySecret', env.personKey, 'PERSON_KEY_SECRET'],
		[LEGACY_SECRET_NAMES.sampling, 'qcSamplingSecret', env.sampling, 'QC_SAMPLING_SECRET']
	] as const) {
		const old = legacy.get(name);
		if (old === undefined) continue;
		const configured = envValue ?? next[field];
		if (configured === undefined || configured === null) {
			next[field] = old;
			wrote.add('moved');
		} else if (configured !== old) {
			throw new ConfigError(
				`This database still holds the ${name.replaceAll('_', ' ')} an earlier version made (table server_secret), ` +
					`and it differs from ${envValue ? envName : `the one in ${path}`}. Every person key or sample decision stored ` +
					`was made with the stored one: unset ${envName} (and remove it from the key file) so the server moves the stored ` +
					'one out to the key file; to change it, follow README "Keys" (rotate-keys --person-key, --sampling).'
			);
		}
		toDelete.push(name);
	}
	// An earlier version made the sampling secret only when QC first ran: if it never did, no
	// visit was scored yet, and a new one changes nothing.
	if (toDelete.length && !env.sampling && !next.qcSamplingSecret) {
		next.qcSamplingSecret = randomSecret();
		wrote.add('moved');
	}

	if (options.demo) {
		if (!env.sealing && !fileCurrent()) {
			next.sealing.push(await newSealingEntry('current', now));
			wrote.add('made');
		}
		if (!env.personKey && !next.personKeySecret) {
			next.personKeySecret = randomSecret();
			wrote.add('made');
		}
		if (!env.sampling && !next.qcSamplingSecret) {
			next.qcSamplingSecret = randomSecret();
			wrote.add('made');
		}
	}

	const missing = [
		...(env.sealing || fileCurrent() ? [] : ['SEALING_PRIVATE_KEY']),
		...(env.personKey || next.personKeySecret ? [] : ['PERSON_KEY_SECRET']),
		...(env.sampling || next.qcSamplingSecret ? [] : ['QC_SAMPLING_SECRET'])
	];
	if (missing.length) throw missingKeys(missing, read ? path : null);

	if (wrote.size) {
		if (!path) {
			throw new ConfigError(
				'This database still holds keys an earlier version kept in it (table server_secret). Keys must not stay beside ' +
					'the data they protect: set KEY_FILE to a path outside the database (for example /etc/klatiene/secrets.json) and ' +
					'start again; the server moves them there once, mode 0600, and deletes them from the database (README "Keys").'
			);
		}
		if (read) replaceKeyFile(path, next);
		else if (!createKeyFile(path, next)) {
			// Another process made the key file first: use that one.
			return loadKeys(database, config, options);
		}
	}
	const movedFromDatabase: string[] = [];
	if (toDelete.length) {
		// Only once the key file holds them (or they are configured): never lose a key.
		await deleteLegacySecrets(database.db, toDelete);
		await scrubDeleted(database, ['server_secret']);
		movedFromDatabase.push(...toDelete);
	}

	const current = env.sealing ?? entryJwk(fileCurrent()!);
	const others = new Map<string, PrivateJwk>();
	for (const k of [...env.retired, ...next.sealing.map(entryJwk)]) {
		const kid = kidOf(k);
		if (kid !== kidOf(current) && !others.has(kid)) others.set(kid, k);
	}
	const from = (envValue: unknown): KeySource => (envValue ? 'env' : 'file');
	const personKeySecret = env.personKey ?? next.personKeySecret!;
	await checkPersonKeySecret(database.db, personKeySecret, env.personKey ? 'PERSON_KEY_SECRET' : `the key file ${path}`, now);
	const secrets = await createSecrets(
		{
			sealing: current,
			otherSealing: [...others.values()],
			personKeySecret,
			samplingSecret: env.sampling ?? next.qcSamplingSecret!
		},
		{
			sealing: from(env.sealing),
			personKey: from(env.personKey),
			sampling: from(env.sampling),
			keyFile: read || wrote.size ? path : null
		},
		config.cryptoWorkers
	);
	return { secrets, keyFile: read || wrote.size ? path : null, wrote: [...wrote], movedFromDatabase, warnings };
}

/** The Secrets alone (tests, the bench). */
export async function loadSecrets(database: KeyDatabase, config: Config, options: LoadKeysOptions): Promise<Secrets> {
	return (await loadKeys(database, config, options)).secrets;
}
