// Generates the committed sample briefing (docs/sample-briefing.{pdf,docx,md}) from the bundled
// corpus: a fresh database, a few annotations per pillar, a briefing by pillar in the ministry form
// (和暦, 宛先/発信, 文書番号, table of contents), three exports.
// Run with `npm run sample:briefing` (builds first); needs Chromium for the PDF.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const dist = (p) => require(path.join(ROOT, 'dist', p));
const { openContext, ensureCorpus, closeContext } = dist('electron/app/context.js');
const { createAnnotation } = dist('electron/annotate/annotations.js');
const { listDocuments, listStatements } = dist('electron/corpus/repo.js');
const repo = dist('electron/briefing/repo.js');
const { buildDraft } = dist('electron/briefing/templates.js');
const { exportBriefing } = dist('electron/export/index.js');
const { setProfile } = dist('electron/briefing/profile.js');

/**
 * The evidence, found by a phrase rather than a statement id (ids change with the segmenter):
 * the quote is the whole sentence (to 。) around the phrase, exactly as stored.
 */
const EVIDENCE = [
  { pillar: 'supply-chain', phrase: 'サプライチェーンの脆弱性が国民の生命等を脅かす', comment: '医薬品など医療用物資の途絶を「国民の生命の危機」と位置付けており、特定重要物資の指定（抗菌性物質製剤を含む）に直結する論点。' },
  { pillar: 'supply-chain', phrase: 'サプライチェーン強靱化の第一歩として', comment: '先端半導体の国内生産拠点整備を強靱化の「第一歩」と明言。以後の補助・基金措置の起点として押さえておくべき発言。' },
  { pillar: 'supply-chain', phrase: '11の特定重要物資を政令で指定', comment: '制度が指針→指定→所管省庁の取組方針という段階に進んだことを示す。予算措置（2022年度第二次補正）と併せて説明可能。' },
  { pillar: 'infrastructure', phrase: '基幹インフラの信頼性確保などを通じて', whole: true, comment: '総理指示の三本目。サプライチェーンと並べて「経済構造の自律性」の手段と整理されている点に留意。' },
  { pillar: 'infrastructure', also: 'supply-chain', phrase: '基幹インフラ機能の維持', comment: '通信分野の所管大臣として、サプライチェーン・基幹インフラ・重要技術を一体の課題として提示。' },
  { pillar: 'infrastructure', phrase: 'IT調達に係る政府申合の運用など', comment: '既存の政府調達申合せによるリスク管理を基盤に、クラウド・ネットワーク整備で「最高レベルの基準」を示す方針。' },
  { pillar: 'tech-protection', phrase: '先端的重要技術を育て、守る必要がある', comment: '「育てる」と「守る」を対で示した整理。研究インテグリティと安全保障貿易管理が具体策。' },
  { pillar: 'tech-protection', phrase: '「みなし輸出」の対象とすることを公表した', comment: '外国の強い影響下にある居住者への技術提供を管理対象とする運用明確化。大学・企業の人材管理への影響が大きい。' },
  { pillar: 'tech-protection', phrase: '技術流出を防ぐ対策など管理体制も強化する', comment: '報道ベース（二次資料）。育成プログラムと流出防止がセットで報じられている点の傍証として引用。' },
  { pillar: 'patents', phrase: '特許出願の非公開制度について、基本指針を閣議決定した', comment: '基本指針の閣議決定とシステム整備予算の計上を確認。施行準備段階に入ったことの根拠。' },
  { pillar: 'patents', phrase: '政省令の制定や必要なシステム整備など', comment: '今後の工程（政省令・システム）。施行時期の見通しを示す際の出典。' },
  { pillar: 'patents', phrase: '特許非公開化、官民技術協力の4つです', comment: '四本柱の一般向け整理（論評記事）。用語の対応関係を示すための参考として引用。' },
];

const SUMMARY = [
  '経済安全保障推進法の四本柱（サプライチェーン強靱化、基幹インフラの安全性・信頼性、先端重要技術の育成と技術流出防止、特許出願の非公開）について、同梱資料に現れる政府側の発言・進捗記述を柱ごとに整理した。',
  '第1回経済安全保障推進会議（2021年11月）では各閣僚が所管分野の課題を提示し、総理が三点の指示を行った。その後の科学技術・イノベーション基本計画の進捗報告では、特定重要物資の指定（11物資）や特許出願非公開制度の基本指針の閣議決定など、制度の具体化が確認できる。',
  '各引用は原文のまま記載し、出典（文書名・発行主体・日付・発言者・見出し・文番号）を付した。',
].join('\n\n');

const BODIES = {
  'supply-chain': '医薬品・半導体を中心に、脆弱性の認識から物資指定・支援措置へと段階的に進展している。',
  infrastructure: '通信・IT調達の分野で既存の仕組みを基礎に信頼性確保を図る方向性が示されている。',
  'tech-protection': '育成（研究開発プログラム）と保護（みなし輸出管理、研究インテグリティ）の両面で施策が示されている。',
  patents: '基本指針の閣議決定を経て、政省令とシステム整備による施行準備の段階にある。',
};

function findEvidence(db, phrase) {
  for (const d of listDocuments(db)) {
    for (const s of listStatements(db, d.id)) {
      const at = s.text.indexOf(phrase);
      if (at === -1) continue;
      const before = s.text.lastIndexOf('。', at);
      const after = s.text.indexOf('。', at);
      const quote = s.text.slice(before + 1, after === -1 ? s.text.length : after + 1).trim();
      return { statement: s, quote };
    }
  }
  throw new Error(`No statement in the bundled corpus contains "${phrase}": update scripts/sample-briefing.js`);
}

async function main() {
  const outDir = path.join(ROOT, 'docs');
  const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wb-sample-')), 'workbench.db');
  const ctx = openContext({ dbPath, resourcesDir: path.join(ROOT, 'resources') });
  // The analyst's profile signs the note (author, DOCX creator and last editor).
  // Its profile is also the 発信 block, which a new briefing takes when none is given.
  ctx.author = setProfile(ctx.db, { name: '経済安全保障政策分析担当', affiliation: '経済安全保障ワークベンチ', section: '政策分析チーム', contact: '内線 0000' }).name;
  try {
    ensureCorpus(ctx);
    const comments = new Map();
    for (const e of EVIDENCE) {
      const { statement, quote } = findEvidence(ctx.db, e.phrase);
      // One piece of evidence under two pillars shows the cross-reference (「→ 第1節参照」).
      const a = createAnnotation(ctx, { statementId: statement.id, ...(e.whole ? {} : { quote }), pillarIds: e.also ? [e.pillar, e.also] : [e.pillar] });
      comments.set(a.id, e.comment);
    }
    const draft = buildDraft(
      ctx.db,
      {
        title: '経済安全保障推進法の四本柱：政府内の論点と進捗',
        subtitle: '同梱資料（推進会議議事要旨・基本計画進捗等）からの引用に基づく整理',
        date: '2026-11-24',
        marking: '取扱注意',
        language: 'ja',
        summary: SUMMARY,
        // The ministry form: 和暦, 宛先, a document number and a table of contents (four sections).
        dateStyle: 'wareki',
        addressee: '経済安全保障推進室長',
        docNumber: '経安分第12号',
        toc: true,
      },
      { from: 'annotations', groupBy: 'pillar' },
    );
    let briefing = repo.createBriefing(ctx, draft);
    // The analyst's comments belong to the briefing's items (the same annotation may serve several briefings).
    for (const s of briefing.sections) for (const it of s.items) repo.updateItem(ctx, it.id, { comment: comments.get(it.annotationId) || '' });
    const byPillarName = { 'サプライチェーン強靱化': 'supply-chain', '基幹インフラの安全性・信頼性': 'infrastructure', '先端重要技術の育成と技術流出防止': 'tech-protection', '特許出願の非公開': 'patents' };
    for (const s of briefing.sections) {
      const pillar = byPillarName[s.heading];
      if (pillar) briefing = repo.updateSection(ctx, s.id, { body: BODIES[pillar] });
    }
    for (const [format, ext] of [['pdf', 'pdf'], ['docx', 'docx'], ['md', 'md']]) {
      const r = await exportBriefing(ctx.db, briefing.id, { format, path: path.join(outDir, `sample-briefing.${ext}`), force: true, author: ctx.author });
      process.stdout.write(`${format}\t${r.bytes} bytes\t${path.relative(ROOT, r.path)}\n`);
    }
  } finally {
    closeContext(ctx);
    fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`sample-briefing: ${e && e.localized ? e.localized.en : e.stack || e}\n`);
  process.exitCode = 1;
});
