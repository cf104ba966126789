// Schema 3: the analyst's layer: pillars (seeded with the Act's four), annotations with W3C-style
// anchors, pillar links, tags, suggestion rules and rejections, and the undo/activity journal.
import type { Migration } from '../migration';

/** The four pillars of the Economic Security Promotion Act (経済安全保障推進法). */
const DEFAULT_PILLARS = [
  {
    id: 'supply-chain',
    nameJa: 'サプライチェーン強靱化',
    nameEn: 'Supply chain resilience',
    descriptionJa: '特定重要物資の安定的な供給の確保（推進法第2章）',
    descriptionEn: 'Securing stable supply of specified critical products (Act, chapter 2)',
    color: '#2e7d6b',
  },
  {
    id: 'infrastructure',
    nameJa: '基幹インフラの安全性・信頼性',
    nameEn: 'Core infrastructure',
    descriptionJa: '特定社会基盤役務の安定的な提供の確保（推進法第3章）',
    descriptionEn: 'Securing stable provision of specified essential infrastructure services (Act, chapter 3)',
    color: '#3b68b0',
  },
  {
    id: 'tech-protection',
    nameJa: '先端重要技術の育成と技術流出防止',
    nameEn: 'Technology protection',
    descriptionJa: '特定重要技術の開発支援と流出防止（推進法第4章）',
    descriptionEn: 'Developing specified critical technologies and preventing their outflow (Act, chapter 4)',
    color: '#b8621b',
  },
  {
    id: 'patents',
    nameJa: '特許出願の非公開',
    nameEn: 'Patent non-disclosure',
    descriptionJa: '安全保障上機微な発明の特許出願の非公開（推進法第5章）',
    descriptionEn: 'Non-disclosure of patent applications for sensitive inventions (Act, chapter 5)',
    color: '#7b3fa0',
  },
];

export const m0003: Migration = {
  version: 3,
  name: 'annotations',
  up(db) {
    db.exec(`
      CREATE TABLE pillars (
        id              TEXT PRIMARY KEY,
        name_ja         TEXT NOT NULL,
        name_en         TEXT NOT NULL,
        description_ja  TEXT NOT NULL DEFAULT '',
        description_en  TEXT NOT NULL DEFAULT '',
        color           TEXT NOT NULL,
        position        INTEGER NOT NULL,
        parent_id       TEXT REFERENCES pillars(id),
        is_default      INTEGER NOT NULL DEFAULT 0,
        archived        INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        -- Soft delete: undo can bring a pillar back with every link intact.
        deleted_at      TEXT
      );

      -- No foreign key to statements: statements are replaced on re-ingest, annotations survive
      -- and are re-anchored (electron/annotate/reanchor.ts). statement_id of an orphan is the last
      -- statement it was anchored to.
      CREATE TABLE annotations (
        id              TEXT PRIMARY KEY,
        statement_id    TEXT NOT NULL,
        document_id     TEXT NOT NULL,
        scope           TEXT NOT NULL CHECK (scope IN ('span', 'statement')),
        quote_exact     TEXT NOT NULL,
        quote_prefix    TEXT NOT NULL DEFAULT '',
        quote_suffix    TEXT NOT NULL DEFAULT '',
        start_offset    INTEGER NOT NULL,
        end_offset      INTEGER NOT NULL,
        doc_start       INTEGER NOT NULL,
        doc_end         INTEGER NOT NULL,
        comment         TEXT NOT NULL DEFAULT '',
        importance      INTEGER CHECK (importance BETWEEN 1 AND 3),
        author          TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        orphaned        INTEGER NOT NULL DEFAULT 0,
        anchored_by     TEXT NOT NULL DEFAULT 'created',
        deleted_at      TEXT
      );
      CREATE INDEX annotations_statement ON annotations(statement_id);
      CREATE INDEX annotations_document ON annotations(document_id);

      CREATE TABLE annotation_pillars (
        annotation_id   TEXT NOT NULL REFERENCES annotations(id),
        pillar_id       TEXT NOT NULL REFERENCES pillars(id),
        PRIMARY KEY (annotation_id, pillar_id)
      ) WITHOUT ROWID;
      CREATE INDEX annotation_pillars_pillar ON annotation_pillars(pillar_id);

      CREATE TABLE annotation_tags (
        annotation_id   TEXT NOT NULL REFERENCES annotations(id),
        tag             TEXT NOT NULL,
        PRIMARY KEY (annotation_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX annotation_tags_tag ON annotation_tags(tag);

      -- The analyst's own suggestion terms (the bundled ones live in resources/pillars/terms.json).
      CREATE TABLE pillar_terms (
        pillar_id       TEXT NOT NULL REFERENCES pillars(id),
        term            TEXT NOT NULL,
        weight          REAL NOT NULL,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (pillar_id, term)
      ) WITHOUT ROWID;

      -- "Not this pillar for this statement": remembered so the suggestion does not come back.
      CREATE TABLE suggestion_rejections (
        statement_id    TEXT NOT NULL,
        pillar_id       TEXT NOT NULL,
        author          TEXT NOT NULL,
        rejected_at     TEXT NOT NULL,
        PRIMARY KEY (statement_id, pillar_id)
      ) WITHOUT ROWID;

      -- The undo journal: one group per user action, with before/after snapshots per entity.
      -- state: 'done' (undoable), 'undone' (redoable), 'dropped' (a newer change cleared redo).
      CREATE TABLE change_groups (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        kind            TEXT NOT NULL,
        label_ja        TEXT NOT NULL,
        label_en        TEXT NOT NULL,
        author          TEXT NOT NULL,
        at              TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('done', 'undone', 'dropped'))
      );
      CREATE INDEX change_groups_state ON change_groups(state, id);

      CREATE TABLE change_entries (
        group_id        INTEGER NOT NULL REFERENCES change_groups(id),
        ordinal         INTEGER NOT NULL,
        entity          TEXT NOT NULL CHECK (entity IN ('annotation', 'pillar', 'rejection', 'term')),
        entity_id       TEXT NOT NULL,
        before_json     TEXT,
        after_json      TEXT,
        PRIMARY KEY (group_id, ordinal)
      );

      -- What happened to each statement's annotations, for the inspector's history.
      CREATE TABLE activity (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        group_id        INTEGER REFERENCES change_groups(id),
        action          TEXT NOT NULL CHECK (action IN ('do', 'undo', 'redo', 'reanchor')),
        kind            TEXT NOT NULL,
        label_ja        TEXT NOT NULL,
        label_en        TEXT NOT NULL,
        statement_id    TEXT,
        annotation_id   TEXT,
        pillar_id       TEXT,
        author          TEXT NOT NULL,
        at              TEXT NOT NULL
      );
      CREATE INDEX activity_statement ON activity(statement_id, seq);
      CREATE INDEX activity_annotation ON activity(annotation_id);
    `);
    const now = new Date().toISOString();
    const insert = db.prepare(
      `INSERT INTO pillars (id, name_ja, name_en, description_ja, description_en, color, position, parent_id, is_default, archived, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 1, 0, ?, ?)`,
    );
    DEFAULT_PILLARS.forEach((p, i) => insert.run(p.id, p.nameJa, p.nameEn, p.descriptionJa, p.descriptionEn, p.color, i, now, now));
  },
};
