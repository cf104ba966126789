// "Go to page" for paged sources (imported PDFs): jumps to the first statement printed on that
// page or, when the page holds none (a figure, a blank page), the next one that does.
import { useState, type FormEvent } from 'react';
import type { Statement } from '../../../../shared/model';
import { useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { useUi } from '../../stores/ui';

export function firstStatementFrom(statements: readonly Statement[], page: number): Statement | null {
  return statements.find((s) => s.kind !== 'footnote' && s.page !== undefined && s.page >= page) ?? null;
}

export function GoToPage({ pages, statements, onGo }: { pages: number; statements: readonly Statement[]; onGo(statementId: string): void }) {
  const t = useT();
  const notify = useUi((s) => s.notify);
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > pages) return;
    const target = firstStatementFrom(statements, n);
    if (target) onGo(target.id);
    else notify({ ja: `${n} ページ以降に文はありません。`, en: `No statement from page ${n} on.` });
  };
  return (
    <form className="goto-page" onKeyDown={imeSafeKeys()} onSubmit={submit}>
      <input
        type="number"
        className="input small"
        min={1}
        max={pages}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-label={t('reader.goToPage.field', { count: pages })}
        placeholder="p."
      />
      <button type="submit" className="btn small">
        {t('reader.goToPage')}
      </button>
    </form>
  );
}
