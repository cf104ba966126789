// A briefing built to break exports: markup and script in title, marking and comments, control
// characters, a 10,000-character quote, and evidence that was deleted, orphaned or has vanished.
import type Database from 'better-sqlite3';
import { deleteAnnotation } from '../../electron/annotate/annotations';
import { ingestDocument } from '../../electron/corpus/ingest';
import { listStatements } from '../../electron/corpus/repo';
import * as repo from '../../electron/briefing/repo';
import type { Briefing } from '../../shared/briefing';
import type { Statement } from '../../shared/model';
import { annotatePillars, type Fixture } from '../briefing/evidence-fixture';

export const SCRIPT_COMMENT = `<script>document.write('EXECUTED'+'!')</script><img src=x onerror="document.title='EXE'+'CUTED!'"> **太字** [link](http://example.com) # not a heading`;
export const CONTROL_COMMENT = 'ベル\u0007とNUL\u0000と\u001b[31mエスケープ\u001b[0m、改行\n二行目';
export const HOSTILE_TITLE = '経済安全保障 <b>ブリーフィング</b> & "引用" <script>x()</script>';
export const MARKING = '取扱注意 <i>';

export interface Hostile {
  briefing: Briefing;
  fx: Fixture;
  longStatement: Statement;
}

/** A synthetic document whose only statement is longer than 10,000 characters. */
export function ingestLongDocument(db: Database.Database): Statement {
  const unit = 'サプライチェーン強靱化と基幹インフラの安全性確保に関する長い記述、';
  const raw = unit.repeat(Math.ceil(10_050 / unit.length)) + 'ここまで。\n';
  ingestDocument(db, { id: 'long-quote-test', title: '長文の引用テスト', date: '2024-04-01', issuer: 'テスト機関', kind: 'other', language: 'ja', source: 'long.txt' }, raw, { origin: 'imported' });
  const longest = listStatements(db, 'long-quote-test').sort((a, b) => b.text.length - a.text.length)[0];
  if (longest.text.length < 10_000) throw new Error(`the segmenter split the long paragraph (${longest.text.length} chars)`);
  return longest;
}

export function buildHostileBriefing(db: Database.Database): Hostile {
  const fx = annotatePillars(db, 2);
  const longStatement = ingestLongDocument(db);
  const analyst = { db, author: 'analyst <x>' };
  const b = repo.createBriefing(
    analyst,
    { title: HOSTILE_TITLE, subtitle: '副題 </p><p>', marking: MARKING, language: 'ja', summary: '要旨の一段落目。\n\n要旨の二段落目 <u>下線</u>。', date: '2026-01-15', sections: [] },
  );
  const s1 = repo.addSection(analyst, b.id, { heading: 'サプライチェーン <h1>', body: '分析者の本文。\n\n第二段落。' }).sectionId;
  repo.addItem(analyst, s1, { annotationId: fx.byPillar['supply-chain'][0].id }, { comment: SCRIPT_COMMENT });
  repo.addItem(analyst, s1, { annotationId: fx.byPillar['supply-chain'][1].id }, { comment: CONTROL_COMMENT });
  repo.addItem(analyst, s1, { statementId: longStatement.id }, { comment: '長い引用' });
  const s2 = repo.addSection(analyst, b.id, { heading: '失われた根拠' }).sectionId;
  repo.addItem(analyst, s2, { annotationId: fx.byPillar.patents[0].id }, { comment: '削除された注釈' });
  repo.addItem(analyst, s2, { annotationId: fx.byPillar['tech-protection'][0].id }, { comment: '孤立した注釈' });
  repo.addSection(analyst, b.id, { heading: '空の節' });
  deleteAnnotation({ db, author: 'test' }, fx.byPillar.patents[0].id);
  // What re-anchoring records when a revised source no longer holds the quote (statement number kept).
  const orphan = fx.byPillar['tech-protection'][0];
  const { ordinal } = db.prepare('SELECT ordinal FROM statements WHERE id = ?').get(orphan.statementId) as { ordinal: number };
  db.prepare("UPDATE annotations SET orphaned = 1, anchored_by = 'orphaned', last_locator = ? WHERE id = ?").run(ordinal + 1, orphan.id);
  return { briefing: repo.getBriefing(db, b.id), fx, longStatement };
}
