/**
 * `npm run admin -- <command>`: administration from the server's shell, on whatever
 * DATABASE_URL points at, until the back office has pages for it.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { connect } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import type { StaffRole } from '../db/schema';
import { ValidationError } from '../services/catalog';
import { createEnrollmentCode, revokeDevice } from '../services/enrollment';
import { createStaff, STAFF_ROLES } from '../services/staff';
import { DEMO_LOGINS } from '../seed/demo-staff';

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
      (npm start runs this)`;

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
	const { db, destroy } = connect(config.databaseUrl);
	try {
		await migrateToLatest(db);
		switch (command) {
			case 'demo-info': {
				const demo = await db.selectFrom('staff').select('id').where('username', '=', DEMO_LOGINS[0].username).executeTakeFirst();
				if (!demo) break;
				console.log('  Demo logins (demo data only; set DEMO_DATA=off for a real deployment):');
				for (const l of DEMO_LOGINS) {
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
	if (e instanceof ValidationError) {
		console.error(`${e.message}:\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
		process.exit(1);
	}
	console.error(`admin ${process.argv[2] ?? ''} failed: ${e instanceof Error ? e.message : e}`);
	process.exit(1);
});
