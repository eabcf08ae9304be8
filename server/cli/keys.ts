/**
 * `npm run admin -- make-keys | rotate-keys | keys-status` (README "Keys"): the key file's
 * chores. Each returns the exit code; messages say what happened and what to do next.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import { connect } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { keyFilePath } from '../keys/demo';
import { kidOf } from '../keys/jwk';
import { createKeyFile, newKeyFile, randomSecret, readKeyFile, replaceKeyFile } from '../keys/key-file';
import { rekeyPersons } from '../keys/rekey';
import { loadKeys } from '../keys/resolve';
import { boxesByKid, rotatedEnvironment, rotateSealingKey } from '../keys/rotate';

export const KEY_COMMANDS = ['make-keys', 'rotate-keys', 'keys-status'] as const;
export type KeyCommand = (typeof KEY_COMMANDS)[number];

export function isKeyCommand(command: string): command is KeyCommand {
	return (KEY_COMMANDS as readonly string[]).includes(command);
}

export const KEY_USAGE = `
  make-keys FILE
      write a new key file (sealing key, person-key secret, QC sampling secret), mode 0600,
      for a deployment: then start the server with KEY_FILE=FILE. Never overwrites a file

  rotate-keys [--stage]
      a new sealing key with a new kid becomes current in the key file (KEY_FILE, or the
      demo's data/secrets.json); the old one stays as retired and still opens what was sealed
      to it. Restart the server: devices get the new key on their next pull. --stage only adds
      the new key (opened, not yet given out), for several instances (README "Keys")

  rotate-keys --person-key
      STOP EVERY SERVER INSTANCE FIRST. A new person-key secret: every person key and QC phone
      key is made again from the sealed identities, in one transaction; then the key file gets
      the new secret (or, with PERSON_KEY_SECRET in the environment, it is printed to set)

  rotate-keys --sampling
      a new QC sampling secret for the visits that enter the sample from now on

  keys-status
      where each key comes from, and per sealing key how many stored boxes are sealed to it`;

const BAD_USAGE = 2;

export async function keyCommand(command: KeyCommand, args: string[], config: Config): Promise<number> {
	switch (command) {
		case 'make-keys': {
			const { positionals } = parseArgs({ args, allowPositionals: true });
			const file = positionals[0];
			if (!file) {
				console.error('make-keys needs the file to write, e.g. make-keys /etc/klatiene/secrets.json');
				return BAD_USAGE;
			}
			if (!createKeyFile(file, await newKeyFile(false))) {
				console.error(`${file} exists already: make-keys never overwrites a key file (the identities sealed to it would be lost).`);
				return 1;
			}
			console.log(`Wrote new keys to ${file} (mode 0600). Start the server with KEY_FILE=${file}; keep the file apart from the database and its backups, and back it up on its own.`);
			return 0;
		}
		case 'rotate-keys': {
			const { values } = parseArgs({
				args,
				options: {
					stage: { type: 'boolean', default: false },
					'person-key': { type: 'boolean', default: false },
					sampling: { type: 'boolean', default: false }
				}
			});
			if (values['person-key']) return rotatePersonKey(config);
			if (values.sampling) return rotateSampling(config);
			if (config.sealingPrivateKey) {
				// The key is in the environment: we cannot change it; say what to set instead.
				const env = await rotatedEnvironment(config.sealingPrivateKey, config.sealingRetiredKeys, kidOf(config.sealingPrivateKey));
				console.log(
					[
						'SEALING_PRIVATE_KEY is set in the environment, so nothing was written. Set these in your secret store',
						'(stage first with several instances: add the new key to SEALING_RETIRED_KEYS everywhere, restart, then swap):',
						'',
						`SEALING_PRIVATE_KEY='${env.SEALING_PRIVATE_KEY}'`,
						`SEALING_RETIRED_KEYS='${env.SEALING_RETIRED_KEYS}'`,
						'',
						`New kid: ${env.kid}. Restart every instance afterwards.`
					].join('\n')
				);
				return 0;
			}
			const path = keyFilePath(config);
			if (!path) {
				console.error('No key file: set KEY_FILE to the key file the server uses (README "Keys").');
				return 1;
			}
			const r = await rotateSealingKey(path, { stage: values.stage });
			if (!r.ok) {
				console.error(r.reason === 'no_key_file' ? `There is no key file at ${path}.` : `The key file ${path} has no current sealing key.`);
				return 1;
			}
			console.log(
				r.staged
					? `Staged sealing key ${r.current.kid} in ${path}: restart every instance (they open boxes sealed to it but do not give it out), then run rotate-keys again.`
					: `Sealing key ${r.current.kid} is now current in ${path}; ${r.retired?.kid} is retired and still opens what was sealed to it. ` +
							'Restart the server (every instance): devices get the new key on their next pull.'
			);
			return 0;
		}
		case 'keys-status': {
			const path = keyFilePath(config);
			const file = path ? readKeyFile(path)?.file ?? null : null;
			const where = (env: unknown, inFile: unknown) => (env ? 'environment' : inFile ? `key file ${path}` : 'MISSING');
			console.log(`Sealing key:        ${where(config.sealingPrivateKey, file?.sealing.some((k) => k.status === 'current'))}`);
			console.log(`Person-key secret:  ${where(config.personKeySecret, file?.personKeySecret)}`);
			console.log(`QC sampling secret: ${where(config.qc.samplingSecret, file?.qcSamplingSecret)}`);
			const keys = [
				...(config.sealingPrivateKey ? [{ kid: kidOf(config.sealingPrivateKey), status: 'current (environment)' }] : []),
				...config.sealingRetiredKeys.map((k) => ({ kid: kidOf(k), status: 'retired (environment)' })),
				...(file?.sealing ?? []).map((k) => ({ kid: k.kid, status: config.sealingPrivateKey && k.status === 'current' ? 'retired (file; the environment overrides it)' : k.status }))
			];
			const { db, destroy } = connect(config.databaseUrl);
			try {
				await migrateToLatest(db);
				const counts = await boxesByKid(db, keys.map((k) => k.kid));
				for (const k of keys) console.log(`  ${k.kid}  ${k.status.padEnd(12)} ${counts.get(k.kid)} sealed boxes in the database`);
			} finally {
				await destroy();
			}
			return 0;
		}
	}
}

/** Writes one secret into the key file, or says what to set when the environment holds it. */
function storeSecret(config: Config, field: 'personKeySecret' | 'qcSamplingSecret', envName: string, fromEnv: boolean, value: string): number {
	if (fromEnv) {
		console.log(`${envName} is set in the environment: set it to this value on every instance before starting them again:\n\n${envName}='${value}'\n`);
		return 0;
	}
	const path = keyFilePath(config);
	const read = path ? readKeyFile(path) : null;
	if (!path || !read) {
		console.error(`There is no key file${path ? ` at ${path}` : ' (set KEY_FILE)'} to write the new secret to:\n\n${envName}='${value}'\n`);
		return 1;
	}
	replaceKeyFile(path, { ...read.file, [field]: value });
	console.log(`The new secret is in ${path}.`);
	return 0;
}

async function rotatePersonKey(config: Config): Promise<number> {
	const database = connect(config.databaseUrl);
	try {
		await migrateToLatest(database.db);
		const keys = await loadKeys(database, config, { demo: false });
		const secret = randomSecret();
		const r = await rekeyPersons(database.db, keys.secrets, secret, Date.now());
		if (!r.ok) {
			console.error(
				`Nothing was changed: ${r.table} ${r.id} cannot be opened with the sealing keys configured ` +
					'(a retired key missing from the key file or SEALING_RETIRED_KEYS?). Person keys can only be made again from identities that open.'
			);
			return 1;
		}
		console.log(`Made again: ${r.windows} visits' person keys, ${r.signatures} signatures' and ${r.phones} QC phone keys.`);
		return storeSecret(config, 'personKeySecret', 'PERSON_KEY_SECRET', keys.secrets.source.personKey === 'env', secret);
	} finally {
		await database.destroy();
	}
}

async function rotateSampling(config: Config): Promise<number> {
	console.log('Visits already in the sample keep their scores; visits entering it from now on are scored with the new secret.');
	return storeSecret(config, 'qcSamplingSecret', 'QC_SAMPLING_SECRET', config.qc.samplingSecret !== null, randomSecret());
}
