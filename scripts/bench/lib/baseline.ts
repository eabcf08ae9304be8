/**
 * The storage limit of this machine: the rows a push of these records ends up writing,
 * inserted straight into the same tables and indexes with prepared statements in one
 * transaction, with no protocol, no crypto and no rules. SQLite: better-sqlite3 prepared
 * single-row inserts. PostgreSQL: one prepared `insert … select * from unnest($1, $2, …)`
 * per table and chunk (arrays bound as parameters: the fastest plain-SQL way into it).
 */
import SqliteDatabase from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { OutboxRecord } from '../../../src/lib/domain/outbox-record';
import type { BenchDatabase } from './databases';

type Row = (string | number | null)[];

interface Table {
	name: string;
	columns: string[];
	pgTypes: string[];
	rows: Row[];
}

export interface BaselineRows {
	tables: Table[];
	devices: { id: string; lastSeq: number; lastHash: string }[];
	records: number;
}

/** The rows a fully accepted push of these records writes (identities already opened). */
export function baselineRows(
	perDevice: { deviceId: string; officeId: string; records: readonly OutboxRecord[] }[],
	now: number,
	qcWindows: ReadonlySet<string>,
	personKeySecret = 'baseline-secret'
): BaselineRows {
	const raw: Row[] = [];
	const results: Row[] = [];
	const windows: Row[] = [];
	const signatures: Row[] = [];
	const dayCloses: Row[] = [];
	const qc: Row[] = [];
	const devices: BaselineRows['devices'] = [];
	let records = 0;
	for (const d of perDevice) {
		const batch = uuidv7();
		for (const r of d.records) {
			records++;
			raw.push([uuidv7(), d.deviceId, r.seq, JSON.stringify(r), now, batch]);
			results.push([d.deviceId, r.seq, r.id, r.hash, r.type, 'accepted', 'accepted', now]);
			if (r.type === 'window.open') {
				const p = r.payload;
				const personKey = createHmac('sha256', personKeySecret).update(r.payload.windowId).digest('hex');
				windows.push([
					p.windowId, d.deviceId, p.officeId, p.clerkId, p.openedAt, p.lengthMs, p.openedAt + p.lengthMs, 'finished',
					JSON.stringify(p.identity), personKey, 'LV', 'riga', '[]', '2026-01-01', p.receiptHash, 'accepted', 'accepted', now, r.seq
				]);
				if (qcWindows.has(p.windowId)) {
					// A sealed phone number is about the size of the sealed identity's key part.
					const box = JSON.stringify({ ...p.identity, ct: p.identity.ct.slice(0, 60) });
					qc.push([uuidv7(), p.windowId, box, personKey, p.openedAt, p.openedAt + 90 * 86_400_000]);
				}
			} else if (r.type === 'signature') {
				const p = r.payload;
				signatures.push([uuidv7(), p.windowId, p.initiativeId, null, 'in_person', d.officeId, d.deviceId, r.seq, p.signedAt, now, 'accepted', 'accepted']);
			} else if (r.type === 'day.close') {
				const p = r.payload;
				dayCloses.push([d.deviceId, r.seq, p.officeId, p.clerkId, p.day, p.windowsOpened, p.visitsWithSignatures, p.abandonedWindows, p.unsynced, r.at, now]);
			}
		}
		const last = d.records[d.records.length - 1];
		devices.push({ id: d.deviceId, lastSeq: last.seq, lastHash: last.hash });
	}
	// Signatures get a person key each: distinct, so the unique index does its work.
	for (const s of signatures) s[3] = createHmac('sha256', personKeySecret).update(String(s[0])).digest('hex');
	return {
		records,
		devices,
		tables: [
			{
				name: 'raw_record',
				columns: ['id', 'device_id', 'seq', 'body', 'received_at', 'batch_id'],
				pgTypes: ['text', 'text', 'int8', 'text', 'int8', 'text'],
				rows: raw
			},
			{
				name: 'signing_window',
				columns: [
					'id', 'device_id', 'office_id', 'clerk_id', 'opened_at', 'length_ms', 'closed_at', 'close_reason', 'identity_box', 'person_key',
					'citizenship', 'declared_municipality', 'property_municipalities', 'old_enough_from', 'receipt_hash', 'state', 'reason', 'received_at', 'seq'
				],
				pgTypes: ['text', 'text', 'text', 'text', 'int8', 'int8', 'int8', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int8', 'int8'],
				rows: windows
			},
			{
				name: 'qc_contact',
				columns: ['id', 'window_id', 'phone_box', 'phone_key', 'consented_at', 'delete_after'],
				pgTypes: ['text', 'text', 'text', 'text', 'int8', 'int8'],
				rows: qc
			},
			{
				name: 'signature',
				columns: ['id', 'window_id', 'initiative_id', 'person_key', 'channel', 'office_id', 'device_id', 'seq', 'signed_at', 'received_at', 'state', 'reason'],
				pgTypes: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'int8', 'int8', 'int8', 'text', 'text'],
				rows: signatures
			},
			{
				name: 'day_close',
				columns: ['device_id', 'seq', 'office_id', 'clerk_id', 'day', 'windows_opened', 'visits_with_signatures', 'abandoned_windows', 'unsynced', 'closed_at', 'received_at'],
				pgTypes: ['text', 'int8', 'text', 'text', 'text', 'int4', 'int4', 'int4', 'int4', 'int8', 'int8'],
				rows: dayCloses
			},
			{
				name: 'record_result',
				columns: ['device_id', 'seq', 'record_id', 'hash', 'type', 'state', 'reason', 'processed_at'],
				pgTypes: ['text', 'int8', 'text', 'text', 'text', 'text', 'text', 'int8'],
				rows: results
			}
		]
	};
}

/** Inserts the rows in one transaction; returns the seconds it took. */
export async function insertBaseline(database: BenchDatabase, rows: BaselineRows): Promise<number> {
	if (database.dialect === 'sqlite') {
		const sqlite = new SqliteDatabase(database.file!);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('synchronous = NORMAL');
		sqlite.pragma('foreign_keys = ON');
		try {
			const statements = rows.tables.map((t) =>
				sqlite.prepare(`insert into ${t.name} (${t.columns.join(', ')}) values (${t.columns.map(() => '?').join(', ')})`)
			);
			const device = sqlite.prepare('update device set last_seq = ?, last_hash = ?, last_sync_at = ? where id = ?');
			const started = performance.now();
			sqlite.transaction(() => {
				rows.tables.forEach((t, i) => {
					for (const r of t.rows) statements[i].run(r);
				});
				for (const d of rows.devices) device.run(d.lastSeq, d.lastHash, Date.now(), d.id);
			})();
			return (performance.now() - started) / 1000;
		} finally {
			sqlite.close();
		}
	}
	const client = new pg.Client({ connectionString: database.url });
	await client.connect();
	try {
		const CHUNK = 5_000;
		const started = performance.now();
		await client.query('begin');
		for (const t of rows.tables) {
			const text = `insert into ${t.name} (${t.columns.join(', ')}) select * from unnest(${t.pgTypes
				.map((type, i) => `$${i + 1}::${type}[]`)
				.join(', ')})`;
			for (let i = 0; i < t.rows.length; i += CHUNK) {
				const chunk = t.rows.slice(i, i + CHUNK);
				await client.query({ name: `baseline_${t.name}`, text, values: t.columns.map((_, c) => chunk.map((r) => r[c])) });
			}
		}
		await client.query({
			name: 'baseline_device',
			text: 'update device d set last_seq = u.seq, last_hash = u.hash, last_sync_at = $4 from unnest($1::text[], $2::int8[], $3::text[]) as u(id, seq, hash) where d.id = u.id',
			values: [rows.devices.map((d) => d.id), rows.devices.map((d) => d.lastSeq), rows.devices.map((d) => d.lastHash), Date.now()]
		});
		await client.query('commit');
		return (performance.now() - started) / 1000;
	} finally {
		await client.end();
	}
}
