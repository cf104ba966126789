// renderer/src/components/manage/ExchangeError.tsx
// How an interchange dialog (exchange file, bundle, REFI-QDA) shows a refusal: the API's message
// in the window's language and its advice, announced to screen readers.
import type { AppErrorData } from '../../../../shared/errors';
import { useLocalized, useT } from '../../i18n';

export function ExchangeError({ error }: { error: AppErrorData }) {
  const t = useT();
  const loc = useLocalized();
  return (
    <div className="exchange-error" role="alert">
      <p>{loc(error.message)}</p>
      {error.hint ? <p className="small">{t('error.hint', { hint: loc(error.hint) })}</p> : null}
    </div>
  );
}
