// Every schema migration in version order. Each feature adds its own numbered file here;
// test/store/migrations.test.ts upgrades a database from every earlier version, and
// test/store/migration-equivalence.test.ts from every state earlier builds left (fixtures).
// Numbers 13, 16 and 18–19 were reserved for work that needed no schema change: versions may skip a
// number, never go back, and a database only ever runs the ones above its own version.
import type { Migration } from '../migration';
import { m0001 } from './0001-documents';
import { m0002 } from './0002-search-index';
import { m0003 } from './0003-annotations';
import { m0004 } from './0004-briefings';
import { m0005 } from './0005-briefing-journal';
import { m0006 } from './0006-one-schema';
import { m0007 } from './0007-statement-pages';
import { m0008 } from './0008-import-records';
import { m0009 } from './0009-analyst-profile';
import { m0010 } from './0010-memos';
import { m0011 } from './0011-workspace-identity';
import { m0012 } from './0012-bundle';
import { m0014 } from './0014-briefing-form';
import { m0015 } from './0015-journal-entities-open';
import { m0017 } from './0017-workspace-library';
import { m0020 } from './0020-briefing-memo-items';
import { m0021 } from './0021-briefing-live';

export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0014, m0015, m0017, m0020, m0021];

export const LATEST_VERSION = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;

/** The split into workspace and library files (docs/architecture.md): migrations before it run on one file. */
export const SPLIT_VERSION = 17;

/** The library schema a library file must be at: the split, or the newest library migration. */
export const LIBRARY_VERSION = Math.max(SPLIT_VERSION, ...migrations.filter((m) => m.store === 'library').map((m) => m.version));
