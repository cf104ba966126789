// No API request can carry a filesystem path: every method's zod request schema in the contract
// is walked, and any field named like a path, file or folder (or any string described as a path)
// must refuse path-shaped values. A new method that takes a path fails here.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../shared/api/contract';

interface Leaf {
  at: string;
  key: string;
  schema: z.ZodType;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; innerType?: z.ZodType; element?: z.ZodType; in?: z.ZodType; out?: z.ZodType; left?: z.ZodType; right?: z.ZodType; valueType?: z.ZodType; keyType?: z.ZodType; items?: z.ZodType[]; rest?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every field of a schema, with its name and dotted location, through wrappers, unions and arrays. */
function fields(schema: z.ZodType, at: string, key: string, out: Leaf[] = [], open = new Set<z.ZodType>()): Leaf[] {
  out.push({ at, key, schema });
  // Only a schema containing itself (z.lazy) stops the walk; one schema used in two fields is seen twice.
  if (open.has(schema)) return out;
  open.add(schema);
  const def = defOf(schema);
  const walk = (s: z.ZodType | undefined, where = at, name = key) => s && fields(s, where, name, out, open);
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape ?? {})) walk(v, `${at}.${k}`, k);
      break;
    case 'union':
      for (const o of def.options ?? []) walk(o);
      break;
    case 'intersection':
      walk(def.left);
      walk(def.right);
      break;
    case 'array':
      walk(def.element, `${at}[]`);
      break;
    case 'tuple':
      for (const i of def.items ?? []) walk(i, `${at}[]`);
      walk(def.rest, `${at}[]`);
      break;
    case 'record':
      walk(def.keyType, `${at}{}`, `${key}{key}`);
      walk(def.valueType, `${at}{}`);
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      walk(def.innerType);
      break;
    case 'lazy':
      walk((schema as unknown as { _zod: { innerType: z.ZodType } })._zod.innerType);
      break;
    default:
      break;
  }
  open.delete(schema);
  return out;
}

// A `fileName` is the name an upload came with (documents.import, an annotations upload): shown
// in messages and used for its extension, never opened, so it is not a path field.
const PATHLIKE_NAME = /(^|[^a-z])(path|paths|file|files|dir|dirs|directory|folder|out|dest|destination)$|(Path|Paths|File|Dir|Directory|Folder|Dest)$/;
const PATHLIKE_DOC = /\b(path|directory|folder)\b/i;
// What a path looks like on every OS the app runs on.
const PATH_VALUES = ['/etc/passwd', '../x', 'C:\\Users\\x\\a.docx', '\\\\server\\share\\a', 'a/b.json', '~/x.pth'];

function description(s: z.ZodType): string {
  return (s as unknown as { description?: string }).description ?? '';
}

const requests = Object.entries(contract).map(([name, def]) => [name, def.request] as const);

describe('no filesystem paths in API requests', () => {
  it('the walker sees into every kind of schema the contract uses (it finds the fields it must)', () => {
    const exportFields = fields(contract['briefings.export'].request, 'briefings.export', '').map((f) => f.at);
    expect(exportFields).toEqual(expect.arrayContaining(['briefings.export.id', 'briefings.export.target', 'briefings.export.target.handle', 'briefings.export.target.download', 'briefings.export.job']));
    const importFields = fields(contract['annotations.import'].request, 'annotations.import', '').map((f) => f.at);
    expect(importFields).toEqual(expect.arrayContaining(['annotations.import.source.handle', 'annotations.import.source.upload', 'annotations.import.source.fileName']));
    const nested = fields(contract['briefings.create'].request, 'briefings.create', '').map((f) => f.at);
    expect(nested).toEqual(expect.arrayContaining(['briefings.create.template.annotationIds[]', 'briefings.create.template.templateId']));
  });

  it.each(requests)('%s: every field named or described like a path refuses path-shaped values', (name, request) => {
    const suspicious = fields(request, name, '').filter((f) => PATHLIKE_NAME.test(f.key) || PATHLIKE_DOC.test(description(f.schema)));
    for (const f of suspicious) {
      for (const value of PATH_VALUES) {
        expect(f.schema.safeParse(value).success, `${f.at} accepts the path ${value}`).toBe(false);
      }
    }
  });

  it('the test itself would catch a path field: the old export and import shapes fail it', async () => {
    const { z } = await import('zod');
    const old = z.object({ id: z.string(), path: z.string().min(1).max(4096), force: z.boolean().optional() }).strict();
    const flagged = fields(old, 'old', '').filter((f) => PATHLIKE_NAME.test(f.key));
    expect(flagged.map((f) => f.at)).toEqual(['old.path']);
    expect(flagged[0].schema.safeParse('/etc/passwd').success).toBe(true);
    const documented = z.object({ where: z.string().describe('the folder to write to') });
    expect(fields(documented, 'doc', '').filter((f) => PATHLIKE_DOC.test(description(f.schema))).map((f) => f.at)).toEqual(['doc.where']);
  });

  it('the old path-taking requests are refused by the schemas', () => {
    const refused: [string, unknown][] = [
      ['briefings.export', { id: 'b1', format: 'md', path: '/home/analyst/site-packages/evil.pth', force: true }],
      ['briefings.export', { id: 'b1', format: 'md', target: { path: '/tmp/x.md' } }],
      ['briefings.export', { id: 'b1', format: 'md', target: { handle: '../../../../tmp/x.md' } }],
      ['annotations.export', { path: '/tmp/a.json', overwrite: true }],
      ['annotations.import', { path: '/etc/shadow' }],
      ['annotations.import', { source: { handle: '/etc/shadow' } }],
      ['annotations.import', { source: { upload: 'AAAAAAAAAAAAAAAAAAAA', fileName: '/etc/shadow' } }],
      ['backups.restore', { file: '/etc/shadow' }],
    ];
    for (const [method, req] of refused) {
      expect(contract[method as keyof typeof contract].request.safeParse(req).success, `${method} ${JSON.stringify(req)}`).toBe(false);
    }
  });
});
