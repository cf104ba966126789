// The analyst's profile screen: name, affiliation, section and contact, as they appear on what
// the analyst signs (the author of briefings and annotations, the DOCX creator, the 発信 block of
// new briefings). The API checks every field; its refusal (control characters, length) is shown
// beside the form in the analyst's language and nothing is stored.
import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../../shared/errors';
import { PROFILE_LIMITS, type ProfileField } from '../../../../shared/profile';
import { api, errorData } from '../../api/client';
import { useLocalized, useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';

const FIELDS: ProfileField[] = ['name', 'affiliation', 'section', 'contact'];
const EMPTY: Record<ProfileField, string> = { name: '', affiliation: '', section: '', contact: '' };

export function ProfileDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const loc = useLocalized();
  const [values, setValues] = useState(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api()
      .call('profile.get', {})
      .then(({ profile }) => {
        if (profile) setValues({ name: profile.name, affiliation: profile.affiliation, section: profile.section, contact: profile.contact });
        setLoaded(true);
      })
      .catch((e: unknown) => useUi.getState().reportError(errorData(e)));
  }, []);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api().call('profile.set', values);
      useUi.getState().notify({ ja: 'プロフィールを保存しました。新しいブリーフィングの作成者と発信欄に使われます。', en: 'Profile saved. New briefings use it for the author and the sender block.' });
      onClose();
    } catch (e) {
      setProblem(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog label={t('profile.title')} onClose={() => !busy && onClose()}>
      <form
        className="profile-form"
        onKeyDown={imeSafeKeys()}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <header className="dialog-header">
          <h2>{t('profile.title')}</h2>
        </header>
        <div className="dialog-body">
          <p className="small muted">{t('profile.about')}</p>
          {FIELDS.map((f) => (
            <label key={f} className="field-label">
              {t(`profile.${f}`)}
              <input
                className="field"
                name={f}
                value={values[f]}
                maxLength={PROFILE_LIMITS[f]}
                required={f === 'name'}
                disabled={!loaded}
                aria-invalid={problem?.subject === f ? true : undefined}
                onChange={(e) => setValues({ ...values, [f]: e.target.value })}
              />
            </label>
          ))}
          {problem ? (
            <p className="form-error" role="alert">
              {loc(problem.message)}
            </p>
          ) : null}
        </div>
        <footer className="dialog-footer">
          <button type="submit" className="btn btn-primary" disabled={busy || !loaded || !values.name.trim()}>
            {t('popover.save')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={onClose}>
            {t('common.cancel')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
