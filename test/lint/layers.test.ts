// The layering and cycle rules (scripts/eslint-rules/workbench.js, configured in eslint.config.js)
// run through ESLint on synthetic files placed in the real tree: each must fail with its message,
// and the real electron/, renderer/ and shared/ must pass.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

let eslint: ESLint;
beforeAll(() => {
  // Only our rules: the rest of the config is npm run lint's business, and parsing is cost enough.
  eslint = new ESLint({ cwd: ROOT, ruleFilter: ({ ruleId }) => ruleId.startsWith('workbench/') });
});

/** The messages of our two rules for `code` linted as if it were the file at `file`. */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId?.startsWith('workbench/')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('electron/ layers', () => {
  it('refuses an upward import (store importing annotate), naming both files and the order', async () => {
    const found = await problems('electron/store/synthetic.ts', "import { listAnnotations } from '../annotate/annotations';\nexport const x = listAnnotations;\n");
    expect(found).toEqual([
      expect.stringMatching(/^workbench\/layers: electron\/store\/synthetic\.ts \(layer 0: store, security, files\) must not import electron\/annotate\/annotations\.ts \(layer 3: annotate, briefing, retrieval\).*store, security, files → corpus, search → journal → annotate, briefing, retrieval/),
    ]);
  });

  it('refuses the journal importing a service above it, also as a type-only import', async () => {
    const found = await problems('electron/journal/synthetic.ts', "import type { Briefing } from '../briefing/repo';\nexport type X = Briefing;\n");
    expect(found).toEqual([expect.stringContaining('electron/journal/synthetic.ts (layer 2: journal) must not import electron/briefing/repo.ts')]);
  });

  it('lets briefing read annotate, but refuses annotate importing briefing (same layer, one way)', async () => {
    expect(await problems('electron/briefing/synthetic.ts', "import { listAnnotations } from '../annotate/annotations';\nexport const x = listAnnotations;\n")).toEqual([]);
    const found = await problems('electron/annotate/synthetic.ts', "import { getBriefing } from '../briefing/repo';\nexport const x = getBriefing;\n");
    expect(found).toEqual([expect.stringMatching(/electron\/annotate\/synthetic\.ts must not import electron\/briefing\/repo\.ts: same layer.*annotate is not declared to use briefing/)]);
  });

  it('lets a higher layer import a lower one (api importing journal)', async () => {
    expect(await problems('electron/api/synthetic.ts', "import { undo } from '../journal/undo';\nexport const x = undo;\n")).toEqual([]);
  });

  it('refuses a folder that is in no layer', async () => {
    const found = await problems('electron/newthing/synthetic.ts', 'export const x = 1;\n');
    expect(found).toEqual(['workbench/layers: electron/newthing is in no layer of electron/: add it to the layers in eslint.config.js.']);
  });

  it('reports an exception whose import is gone as stale', async () => {
    // The tree needs no exception today, so this lints with one of its own: an import that is not there.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { layers, siblings } = require(path.join(ROOT, 'eslint.config.js')).electronLayers;
    const exceptions = [{ from: 'electron/api/after-write.ts', to: 'electron/app/context.ts', reason: 'test' }];
    const withException = new ESLint({
      cwd: ROOT,
      ruleFilter: ({ ruleId }) => ruleId.startsWith('workbench/'),
      overrideConfig: { files: ['electron/**/*.ts'], rules: { 'workbench/layers': ['error', { root: 'electron', layers, siblings, exceptions }] } },
    });
    const [result] = await withException.lintText('export const x = 1;\n', { filePath: path.join(ROOT, 'electron/api/after-write.ts') });
    expect(result.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      'workbench/layers: The layering exception electron/api/after-write.ts → electron/app/context.ts is no longer needed: remove it from eslint.config.js.',
    ]);
  });
});

describe('renderer/ layers', () => {
  it('refuses i18n importing a store', async () => {
    const found = await problems('renderer/src/i18n/synthetic.ts', "import { usePreferences } from '../stores/preferences';\nexport const x = usePreferences;\n");
    expect(found).toEqual([expect.stringContaining('renderer/src/i18n/synthetic.ts (layer 0: api, i18n, lib) must not import renderer/src/stores/preferences.ts (layer 1: stores)')]);
  });

  it('refuses a store importing a component', async () => {
    const found = await problems('renderer/src/stores/synthetic.ts', "import { UndoBar } from '../components/shell/UndoBar';\nexport const x = UndoBar;\n");
    expect(found).toEqual([expect.stringContaining('must not import renderer/src/components/shell/UndoBar.tsx (layer 2: components)')]);
  });
});

describe('no import cycles', () => {
  it('names the cycle a renderer file would close (en.ts importing the i18n index that imports it)', async () => {
    const found = await problems('renderer/src/i18n/en.ts', "import { translate } from './index';\nexport const x = translate;\n");
    expect(found).toEqual(['workbench/no-cycle: Import cycle: renderer/src/i18n/en.ts → renderer/src/i18n/index.ts → renderer/src/i18n/en.ts. Move what both sides need into a module both can import.']);
  });

  it('names a cycle between UI areas (the composer taking the undo bar from the inspector, which uses a briefing field)', async () => {
    const file = 'renderer/src/components/briefing/BriefingComposer.tsx';
    const found = await problems(file, "import { AnnotationSections } from '../inspector/AnnotationSections';\nexport const x = AnnotationSections;\n");
    expect(found).toEqual([
      'workbench/no-folder-cycle: Folder cycle under renderer/src/components: briefing → inspector → briefing (via renderer/src/components/briefing/BriefingComposer.tsx, renderer/src/components/inspector/AnnotationSections.tsx). Move what both areas use into a folder both may import.',
    ]);
  });

  it('names a longer cycle in electron/ (entities → change → entities), type-only imports included', async () => {
    const found = await problems('electron/journal/entities.ts', "import type { Change } from './change';\nexport type X = Change;\n");
    expect(found).toEqual([expect.stringContaining('Import cycle: electron/journal/entities.ts → electron/journal/change.ts → electron/journal/entities.ts')]);
  });

  it('passes on the real tree', async () => {
    const results = await eslint.lintFiles(['electron', 'renderer', 'shared']);
    const ours = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('workbench/')).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`));
    expect(ours).toEqual([]);
    // The rules did run over the tree: every service folder was linted.
    const linted = new Set(results.map((r) => path.relative(ROOT, r.filePath).split(path.sep).slice(0, 2).join('/')));
    for (const folder of ['electron/store', 'electron/journal', 'electron/annotate', 'electron/briefing', 'electron/api', 'renderer/src', 'shared/api']) expect(linted).toContain(folder);
  }, 180_000);
});
