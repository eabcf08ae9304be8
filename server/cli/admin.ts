/**
 * `npm run admin -- <command>`: administration from the server's shell, on whatever
 * DATABASE_URL points at, until the back office has pages for it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { connect } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import type { StaffRole } from '../db/schema';
import { backupSqlite, BackupError } from '../services/admin/backup';
import { importInitiatives } from '../services/admin/initiatives';
import { importOffices } from '../services/admin/offices';
import { purgeIdentities } from '../services/admin/retention';
import { SYSTEM_ACTOR, verifyAuditChain } from '../services/audit';
import { ValidationError } from '../services/catalog';
import { createEnrollmentCode, revokeDevice } from '../services/enrollment';
import { createStaff, STAFF_ROLES } from '../services/staff';
import { activeDemoLogins } from '../seed/demo-check';
import { isKeyCommand, keyCommand, KEY_USAGE } from './keys';

const DEMO_LIBRARY = 'lib-aizpute';

const usage = `Usage: npm run admin -- <command> [options]

  enrollment-code --office <office-slug> [--kind kac|library] [--hours 24]
      print a one-time code that enrolls one browser profile as a device of that office

  create-staff --username <name> --name "<display name>" --role clerk|auditor|admin
               [--office <kac-slug>] --password <password>
      create a staff member (a clerk needs the KAC office they work at)

  revoke-device <device-id>
      revoke a device for good: it can sync nothing more, its sessions end

  demo-info
      on a database with the demo data: print the demo logins and fresh enrollment codes
      (npm start runs this)

  audit-verify
      walk the whole audit log and check its hash chain; exit 1 and name the first broken
      entry (seq) if an entry was changed, removed or relinked

  purge [--days N] [--dry-run]
      delete the identities of signers of initiatives submitted more than N days ago
      (default RETENTION_DAYS, 90); counts stay; logged; running it again does nothing more

  backup FILE
      a consistent copy of the SQLite database, safe while the server runs (online backup);
      on PostgreSQL it says what to use instead (pg_dump). The keys are not in it: back up
      the key file (or your secret store) separately
${KEY_USAGE}
  import-initiatives FILE [--dry-run]
  import-offices FILE [--dry-run]
      import initiatives (JSON) or offices (CSV) as the back office does: every row is checked
      first, and nothing is written unless every row is good (README, "Back office")`;

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
	const v = values[name];
	if (typeof v !== 'string' || !v) throw new UsageError(`--${name} is required`);
	return v;
}

async function main(argv: string[]) {
	const [command, ...rest] = argv;
	if (!command || command === 'help' || command === '--help') {
		console.log(usage);
		return;
	}
	const config = readConfig();
	if (isKeyCommand(command)) {
		process.exitCode = await keyCommand(command, rest, config);
		return;
	}
	if (command === 'backup') {
		// No migration and no second writer: only a read-only copy of the file.
		const file = rest[0];
		if (!file) throw new UsageError('backup needs the file to write, e.g. backup backups/klatiene-2026-11-28.db');
		const r = await backupSqlite(config.databaseUrl, file);
		console.log(`Backed up ${r.pages} pages (${(r.bytes / 1024 / 1024).toFixed(1)} MB) to ${r.file}; integrity check: ${r.integrity}.`);
		return;
	}
	const { db, destroy } = connect(config.databaseUrl);
	try {
		await migrateToLatest(db);
		switch (command) {
			case 'demo-info': {
				// Only logins that still work: a demo password changed or deactivated is no way in.
				const logins = await activeDemoLogins(db);
				if (!logins.length) break;
				console.log('  DEMO LOGINS (published passwords: a demo only, never for real signatures):');
				for (const l of logins) {
					console.log(`    ${l.role.padEnd(8)} ${l.username.padEnd(20)} ${l.password.padEnd(24)} ${l.office ?? ''}`);
				}
				const kac = await createEnrollmentCode(db, 'kac-grobina', 'kac', 24 * 3_600_000, Date.now());
				const library = await createEnrollmentCode(db, DEMO_LIBRARY, 'library', 24 * 3_600_000, Date.now());
				console.log(`\n  One-time enrollment codes, valid 24 h (open /kac/enroll on the PC to enroll):`);
				console.log(`    Grobiņa KAC office PC   ${kac.code}`);
				console.log(`    library PC              ${library.code}`);
				break;
			}
			case 'enrollment-code': {
				const { values } = parseArgs({
					args: rest,
					options: { office: { type: 'string' }, kind: { type: 'string' }, hours: { type: 'string', default: '24' } }
				});
				const kind = values.kind;
				if (kind !== undefined && kind !== 'kac' && kind !== 'library') throw new UsageError('--kind must be kac or library');
				const hours = Number(values.hours);
				if (!Number.isFinite(hours) || hours <= 0) throw new UsageError('--hours must be a positive number');
				const r = await createEnrollmentCode(db, required(values, 'office'), kind, hours * 3_600_000, Date.now());
				console.log(r.code);
				console.error(`  ${r.kind} device for office ${values.office}; single use; valid until ${new Date(r.expiresAt).toISOString()}`);
				break;
			}
			case 'create-staff': {
				const { values } = parseArgs({
					args: rest,
					options: {
						username: { type: 'string' },
						name: { type: 'string' },
						role: { type: 'string' },
						office: { type: 'string' },
						password: { type: 'string' }
					}
				});
				const role = required(values, 'role');
				if (!STAFF_ROLES.includes(role as StaffRole)) throw new UsageError('--role must be clerk, auditor or admin');
				const id = await createStaff(
					db,
					{
						username: required(values, 'username'),
						displayName: required(values, 'name'),
						role: role as StaffRole,
						office: values.office ?? null,
						password: required(values, 'password')
					},
					Date.now()
				);
				console.log(id);
				break;
			}
			case 'revoke-device': {
				const id = rest[0];
				if (!id) throw new UsageError('revoke-device needs the device id');
				const changed = await revokeDevice(db, id, Date.now());
				console.log(changed ? `Device ${id} revoked.` : `Device ${id} is unknown or already revoked.`);
				if (!changed) process.exitCode = 1;
				break;
			}
			case 'audit-verify': {
				const verdict = await verifyAuditChain(db);
				if (verdict.ok) {
					console.log(`Audit log OK: ${verdict.entries} entries, head ${verdict.head}.`);
				} else {
					const what = { hash: 'its content does not match its hash', link: 'it does not link to the entry before', gap: 'it is missing' }[verdict.problem];
					console.error(`Audit log BROKEN at seq ${verdict.brokenAt}: ${what} (${verdict.entries} entries before it verify).`);
					console.log(verdict.brokenAt);
					process.exitCode = 1;
				}
				break;
			}
			case 'purge': {
				const { values } = parseArgs({ args: rest, options: { days: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
				const days = values.days === undefined ? undefined : Number(values.days);
				if (days !== undefined && (!Number.isInteger(days) || days < 0)) throw new UsageError('--days must be a whole number of days');
				const r = await purgeIdentities(db, config, Date.now(), { days, dryRun: values['dry-run'], actor: SYSTEM_ACTOR });
				const verb = r.dryRun ? 'would delete' : 'deleted';
				if (!r.initiatives.length) console.log(`No submitted initiative is past ${r.days} days with identities left.`);
				for (const i of r.initiatives) {
					console.log(
						r.dryRun
							? `${i.slug}: submitted ${new Date(i.submittedAt).toISOString().slice(0, 10)}, ${verb} its signers' identities`
							: `${i.slug}: ${verb} ${i.windows} identities, ${i.signatures} person keys, ${i.rawRecords} raw copies, ${i.qcContacts} phone numbers`
					);
				}
				console.log(
					r.unsigned.windows
						? `Visits opened more than ${r.days} days ago without a counted signature: ${verb} ${r.unsigned.windows} identities` +
								(r.dryRun ? '' : `, ${r.unsigned.rawRecords} raw copies, ${r.unsigned.qcContacts} phone numbers`)
						: `No visit older than ${r.days} days without a counted signature has an identity left.`
				);
				break;
			}
			case 'import-initiatives':
			case 'import-offices': {
				const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
				const file = positionals[0];
				if (!file) throw new UsageError(`${command} needs the file to read`);
				const text = readFileSync(file, 'utf8');
				const o = { dryRun: values['dry-run'], actor: SYSTEM_ACTOR };
				const app = { database: { db }, now: () => Date.now() };
				const r = command === 'import-initiatives' ? await importInitiatives(app, text, o) : await importOffices(app, text, o);
				if (r.fileProblem) {
					console.error(`The file cannot be imported: ${r.fileProblem}${'columns' in r && r.columns.length ? ` (${r.columns.join(', ')})` : ''}`);
					process.exitCode = 1;
					break;
				}
				for (const row of r.rows) {
					const where = 'line' in row ? `line ${row.line}` : `entry ${row.row}`;
					const problems = Object.entries(row.problems).map(([f, p]) => `${f}: ${p}`);
					console.log(`${where} ${row.slug || '(no slug)'}: ${row.action}${problems.length ? ` — ${problems.join('; ')}` : ''}`);
				}
				if (!r.ok) {
					console.error('Nothing was written: fix the rows above.');
					process.exitCode = 1;
				} else console.log(r.written ? `Written: ${r.created} created, ${r.updated} updated.` : `Dry run: ${r.created} would be created, ${r.updated} updated.`);
				break;
			}
			default:
				console.error(usage);
				process.exitCode = 2;
		}
	} finally {
		await destroy();
	}
}

main(process.argv.slice(2)).catch((e) => {
	if (e instanceof UsageError) {
		console.error(`${e.message}\n\n${usage}`);
		process.exit(2);
	}
	if (e instanceof BackupError) {
		console.error(e.message);
		process.exit(1);
	}
	if (e instanceof ValidationError) {
		console.error(`${e.message}:\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
		process.exit(1);
	}
	console.error(`admin ${process.argv[2] ?? ''} failed: ${e instanceof Error ? e.message : e}`);
	process.exit(1);
});
