import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind, migrateLatest, openDatabase } from './db';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('openDatabase on SQLite', () => {
  const dirs: string[] = [];
  const dbs: Knex[] = [];
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.destroy()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function open(): { url: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'bg-db-'));
    dirs.push(dir);
    const file = join(dir, 'a', 'b', 'x.sqlite');
    return { url: `sqlite:${file}`, file };
  }
  function track(db: Knex): Knex {
    dbs.push(db);
    return db;
  }

  it('creates the parent folder and sets the pragmas on every new connection', async () => {
    const { url, file } = open();
    const db = track(openDatabase(url));
    expect(databaseKind(db)).toBe('sqlite');
    const pragmas = async () => ({
      foreignKeys: (await db.raw('pragma foreign_keys'))[0].foreign_keys,
      journal: (await db.raw('pragma journal_mode'))[0].journal_mode,
      busyTimeout: (await db.raw('pragma busy_timeout'))[0].timeout,
    });
    expect(await pragmas()).toEqual({ foreignKeys: 1, journal: 'wal', busyTimeout: 5000 });
    expect(existsSync(file)).toBe(true);
    // A fresh pool means fresh connections: the pragmas must be there again.
    await db.destroy();
    db.initialize();
    expect(await pragmas()).toEqual({ foreignKeys: 1, journal: 'wal', busyTimeout: 5000 });
  });

  it('starts write transactions with BEGIN IMMEDIATE: a second process cannot write while one is open', async () => {
    const { url } = open();
    const first = track(openDatabase(url));
    const second = track(openDatabase(url));
    await migrateLatest(first);
    await second.raw('pragma busy_timeout = 50');
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    const trx = first.transaction(async (t) => {
      await t('districts').select('id'); // read only: a deferred BEGIN would hold no write lock yet
      await held;
    });
    try {
      await sleep(50);
      await expect(second.raw("insert into commodities values ('x', 'x', 'x', 'kg', 0, 0)")).rejects.toThrow(/SQLITE_BUSY/);
    } finally {
      release();
      await trx;
    }
    await second.raw("insert into commodities values ('x', 'x', 'x', 'kg', 0, 0)");
  });

  it('lets two processes read-then-write at once without SQLITE_BUSY (they queue instead)', async () => {
    const { url } = open();
    const a = track(openDatabase(url));
    const b = track(openDatabase(url));
    await migrateLatest(a);
    const readThenWrite = (db: Knex, id: string) => db.transaction(async (t) => {
      const rows = await t('commodities').select('id');
      await sleep(40);
      await t('commodities').insert({ id, name: `${rows.length}`, name_en: id, unit: 'kg', daily_ration_kg_per_person: 0, cold_chain: false });
    });
    await Promise.all([readThenWrite(a, 'first'), readThenWrite(b, 'second')]);
    const names = (await a('commodities').select('name')).map((r: { name: string }) => r.name).sort();
    // Serialised: one saw the other's row.
    expect(names).toEqual(['0', '1']);
  });

  it('rejects an unknown URL without echoing a password', () => {
    expect(() => openDatabase('mysql://root:secret@host/db')).toThrow(/sqlite: or postgres/);
    expect(() => openDatabase('mysql://root:secret@host/db')).not.toThrow(/secret/);
    expect(() => openDatabase('sqlite:')).toThrow(/file path/);
  });
});
