// The API boundary: every request is validated, unknown methods and bad fields get typed
// errors naming the field, and no input (fuzzed) makes a handler throw past the dispatcher.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { createDispatcher } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { ApiError } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { apiFor } from '../helpers/api';
import { closeContext, corpusContext } from '../helpers/db';

let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
});
afterAll(() => closeContext(ctx));

describe('API dispatch', () => {
  it('serves documents and statements through the typed client', async () => {
    const api = apiFor(ctx);
    const { documents } = await api.call('documents.list', {});
    expect(documents.length).toBe(5);
    const minutes = documents.find((d) => d.kind === 'minutes')!;
    const { statements } = await api.call('statements.list', { documentId: minutes.id });
    expect(statements.length).toBe(minutes.statements);
    const one = await api.call('statements.get', { id: statements[3].id });
    expect(one.statement.text).toBe(statements[3].text);
    expect(one.document.id).toBe(minutes.id);
    const { text } = await api.call('documents.get', { id: minutes.id });
    for (const s of statements) expect(text.slice(s.start, s.end)).toBe(s.text);
    const info = await api.call('app.info', {});
    expect(info.documents).toBe(5);
    expect(info.dbPath).toBe(ctx.dbPath);
  });

  it('names the unknown method', async () => {
    const dispatch = createDispatcher(handlers, ctx);
    const r = await dispatch('documents.drop', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method', subject: 'documents.drop' } });
    const r2 = await dispatch({ toString: () => 'x' }, {});
    expect(r2).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const r3 = await dispatch('__proto__', {});
    expect(r3).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('names the bad field, in Japanese and English', async () => {
    const dispatch = createDispatcher(handlers, ctx);
    const r = await dispatch('statements.list', { documentId: 42 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-request');
      expect(r.error.message.en).toContain('documentId');
      expect(r.error.message.ja).toContain('documentId');
    }
    const extra = await dispatch('documents.list', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const sql = await dispatch('statements.get', { id: "x' OR 1=1 --" });
    expect(sql).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('turns a missing id into not-found, surfaced by the client as ApiError', async () => {
    const api = apiFor(ctx);
    await expect(api.call('statements.get', { id: 'no-such-statement' })).rejects.toBeInstanceOf(ApiError);
    await expect(api.call('documents.get', { id: 'nope' })).rejects.toMatchObject({ data: { code: 'not-found', subject: 'nope' } });
  });

  it('never throws for any method and any params (fuzz)', async () => {
    const dispatch = createDispatcher(handlers, ctx);
    const methods = Object.keys(contract);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...methods), fc.string()), fc.anything(), async (method, params) => {
        const r = await dispatch(method, params);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(r.error.message.ja.length).toBeGreaterThan(0);
          expect(r.error.message.en.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
