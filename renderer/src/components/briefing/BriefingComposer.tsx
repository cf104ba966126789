// The briefing composer: the briefing's header (title, marking, summary), its outline of
// sections and quoted items with drag and keyboard reordering and inline editing, a live print
// preview in a script-less sandboxed frame, and the export panel.
import { useEffect, useState, type DragEvent, type KeyboardEvent } from 'react';
import { DATE_STYLES, type BriefingItem, type BriefingSection, type DateStyle, type LastKnownPlace, type ResolvedItem } from '../../../../shared/briefing';
import { api, errorData } from '../../api/client';
import { useUi } from '../../stores/ui';
import { formatCitation, formatMemoCitation } from '../../../../shared/citation';
import { isIsoDate } from '../../../../shared/date';
import { formatDate, useLocalized, useT } from '../../i18n';
import { usePreferences } from '../../stores/preferences';
import { imeSafeKeys, isComposing } from '../../lib/keys';
import { useBriefing } from '../../stores/briefing';
import { useReader } from '../../stores/reader';
import { useMemos } from '../../stores/memos';
import { useRetrieval } from '../../stores/retrieval';
import { previewDocument } from '../../lib/preview';
import { UndoBar } from '../shell/UndoBar';
import { ExportPanel } from './ExportPanel';
import { ReviewPanel } from './ReviewPanel';
import { InlineField } from './InlineField';
import { FollowPillar, LiveCandidates } from './LiveCandidates';
import { useAnnotations } from '../../stores/annotations';
import { Revealed } from '../shell/Revealed';

const ITEM = 'application/x-workbench-item';
const SECTION = 'application/x-workbench-section';

/**
 * 宛先, 発信, 文書番号, 西暦/和暦 and the table of contents of the current briefing; each change is
 * one briefings.update (undoable), and a refused value shows the API's message in the error banner.
 */
function MinistryForm() {
  const t = useT();
  const briefing = useBriefing((s) => s.briefing);
  const update = useBriefing((s) => s.update);
  if (!briefing) return null;
  const fromProfile = async () => {
    try {
      const { profile } = await api().call('profile.get', {});
      if (!profile) {
        useUi.getState().setDialog('profile');
        return;
      }
      await update({ sender: [profile.affiliation, profile.section, profile.name, profile.contact].filter((l) => l.trim()).join('\n') });
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    }
  };
  return (
    <fieldset className="ministry-form">
      <legend>{t('briefing.form')}</legend>
      <div className="meta-row">
        <label className="field-label">
          {t('briefing.dateStyle')}
          <select className="field" value={briefing.dateStyle} onChange={(e) => void update({ dateStyle: e.target.value as DateStyle })}>
            {DATE_STYLES.map((d) => (
              <option key={d} value={d}>
                {t(`briefing.dateStyle.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-label">
          {t('briefing.docNumber')}
          <InlineField label={t('briefing.docNumber')} value={briefing.docNumber} placeholder={t('briefing.docNumber.placeholder')} onSave={(v) => void update({ docNumber: v.trim() })} />
        </label>
      </div>
      <label className="field-label">
        {t('briefing.addressee')}
        <InlineField label={t('briefing.addressee')} value={briefing.addressee} placeholder={t('briefing.addressee.placeholder')} onSave={(v) => void update({ addressee: v.trim() })} />
      </label>
      <label className="field-label">
        <span className="field-label-row">
          {t('briefing.sender')}
          <button type="button" className="btn btn-small" onClick={() => void fromProfile()}>
            {t('briefing.sender.fromProfile')}
          </button>
        </span>
        <InlineField label={t('briefing.sender')} value={briefing.sender} multiline rows={3} placeholder={t('briefing.sender.placeholder')} onSave={(v) => void update({ sender: v.trim() })} />
      </label>
      <label className="check-label">
        <input type="checkbox" checked={briefing.toc} onChange={(e) => void update({ toc: e.target.checked })} />
        {t('briefing.toc')}
      </label>
    </fieldset>
  );
}

function NewBriefing() {
  const t = useT();
  const loc = useLocalized();
  const create = useBriefing((s) => s.create);
  const templates = useBriefing((s) => s.templates);
  const loadTemplates = useBriefing((s) => s.loadTemplates);
  const [title, setTitle] = useState('');
  const [templateId, setTemplateId] = useState('builtin:empty');
  const list = useBriefing((s) => s.list);
  const select = useBriefing((s) => s.select);
  useEffect(() => {
    void loadTemplates();
  }, [loadTemplates]);
  return (
    <div className="empty-state composer-empty">
      <h2>{list.length ? t('briefing.choose') : t('briefing.none')}</h2>
      <p>{t('briefing.none.body')}</p>
      {list.length ? (
        <ul className="briefing-list">
          {list.map((b) => (
            <li key={b.id}>
              <button type="button" className="doc-item" onClick={() => void select(b.id)}>
                <span className="doc-title">{b.title}</span>
                <span className="doc-meta">
                  <span>{b.date}</span>
                  <span>{t('briefing.counts', { sections: b.sections, items: b.items })}</span>
                  {b.marking ? <span className="marking-badge">{b.marking}</span> : null}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form onKeyDown={imeSafeKeys()}
        className="new-briefing"
        onSubmit={(e) => {
          e.preventDefault();
          if (!title.trim()) return;
          void create(title.trim(), templates.length ? { from: 'template', templateId } : { from: 'empty' });
          setTitle('');
        }}
      >
        <input className="field" aria-label={t('briefing.title')} placeholder={t('briefing.title')} value={title} onChange={(e) => setTitle(e.target.value)} />
        <select className="field" aria-label={t('briefing.template')} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.builtin ? loc(tpl.description) : tpl.name}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-primary" disabled={!title.trim()}>
          {t('briefing.create')}
        </button>
      </form>
    </div>
  );
}

/** Where an orphaned quote was last found: a lead to check by hand, never shown as a citation. */
function LastKnown({ place }: { place: LastKnownPlace }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const open = useReader((s) => s.open);
  const inLibrary = place.documentTitle !== null;
  const date = inLibrary ? formatDate(lang, place.date) : null;
  const where = [
    inLibrary ? t('briefing.lastKnown.document', { title: place.documentTitle ?? '' }) : t('briefing.lastKnown.gone', { id: place.documentId }),
    date ? t('briefing.lastKnown.date', { date }) : '',
    place.locator !== null ? t('briefing.lastKnown.statement', { n: place.locator }) : '',
  ].join('');
  return (
    <p className="evidence-lastknown">
      <span>{t('briefing.lastKnown', { place: where })}</span>
      <span className="muted">{t(inLibrary ? 'briefing.lastKnown.hint' : 'briefing.lastKnown.goneHint')}</span>
      {inLibrary ? (
        <button type="button" className="btn-link" onClick={() => void open(place.documentId)}>
          {t('briefing.lastKnown.open')}
        </button>
      ) : null}
    </p>
  );
}

function ItemRow({ item, resolved, section, index, count }: { item: BriefingItem; resolved: ResolvedItem | undefined; section: BriefingSection; index: number; count: number }) {
  const t = useT();
  const moveItem = useBriefing((s) => s.moveItem);
  const updateItem = useBriefing((s) => s.updateItem);
  const deleteItem = useBriefing((s) => s.deleteItem);
  const openStatement = useReader((s) => s.openStatement);
  const lang = useBriefing((s) => s.briefing?.language) ?? usePreferences.getState().language;
  const dateStyle = useBriefing((s) => s.briefing?.dateStyle) ?? 'seireki';
  const c = resolved?.citation;
  const onKeyDown = (e: KeyboardEvent) => {
    if (isComposing(e) || !e.altKey || e.target !== e.currentTarget) return;
    if (e.key === 'ArrowUp' && index > 0) void moveItem(item.id, index - 1);
    else if (e.key === 'ArrowDown' && index < count - 1) void moveItem(item.id, index + 1);
    else return;
    e.preventDefault();
  };
  return (
    <li
      className="outline-item"
      tabIndex={0}
      draggable
      aria-label={t('briefing.item.label', { n: index + 1 })}
      onKeyDown={onKeyDown}
      onDragStart={(e) => {
        e.stopPropagation();
        e.dataTransfer.setData(ITEM, JSON.stringify({ itemId: item.id }));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => e.dataTransfer.types.includes(ITEM) && e.preventDefault()}
      onDrop={(e) => {
        const raw = e.dataTransfer.getData(ITEM);
        if (!raw) return;
        e.preventDefault();
        e.stopPropagation();
        void moveItem((JSON.parse(raw) as { itemId: string }).itemId, index, section.id);
      }}
    >
      <span className="drag-handle" aria-hidden="true">⋮⋮</span>
      <div className="outline-item-body">
        <blockquote className="outline-quote">「<Revealed text={resolved?.quote ?? item.quoteAtAdd} />」</blockquote>
        {resolved?.seeSection ? <p className="outline-crossref">{t('briefing.item.seeSection', { n: resolved.seeSection })}</p> : null}
        {resolved && resolved.status !== 'ok' ? <p className="evidence-warning">{t(`briefing.status.${resolved.status}`)}</p> : null}
        {resolved?.status === 'orphaned' && resolved.lastKnown ? <LastKnown place={resolved.lastKnown} /> : null}
        {c ? (
          <p className="outline-cite">
            <button type="button" className="btn-link" onClick={() => void openStatement(c.statementId)}>
              {formatCitation(c, lang)}
            </button>
          </p>
        ) : null}
        {resolved?.memo ? (
          <p className="outline-cite">
            <button type="button" className="btn-link" onClick={() => openMemo(resolved.memo!.memoId)}>
              {formatMemoCitation(resolved.memo, lang, dateStyle)}
            </button>
          </p>
        ) : null}
        {resolved?.annotationComment ? (
          <p className="outline-note">
            <span className="muted">{t('briefing.item.note')}: </span>
            {resolved.annotationComment}
          </p>
        ) : null}
        <InlineField label={t('briefing.item.comment')} value={item.comment} multiline rows={2} placeholder={t('briefing.item.commentPlaceholder')} onSave={(v) => void updateItem(item.id, v)} />
      </div>
      <div className="outline-item-tools">
        <button type="button" className="icon-btn" aria-label={t('briefing.item.up')} disabled={index === 0} onClick={() => void moveItem(item.id, index - 1)}>
          ↑
        </button>
        <button type="button" className="icon-btn" aria-label={t('briefing.item.down')} disabled={index === count - 1} onClick={() => void moveItem(item.id, index + 1)}>
          ↓
        </button>
        <button type="button" className="icon-btn" aria-label={t('briefing.item.remove')} onClick={() => void deleteItem(item.id)}>
          ×
        </button>
      </div>
    </li>
  );
}

/** A memo item's citation opens the memo on the Analysis tab's memo page. */
function openMemo(memoId: string): void {
  useMemos.getState().setOpen(memoId);
  void useMemos.getState().load();
  useRetrieval.getState().setView('memos');
  useUi.getState().setView('analysis');
}

function SectionBlock({ section, index, count, resolvedItems }: { section: BriefingSection; index: number; count: number; resolvedItems: Map<string, ResolvedItem> }) {
  const t = useT();
  const updateSection = useBriefing((s) => s.updateSection);
  const moveSection = useBriefing((s) => s.moveSection);
  const deleteSection = useBriefing((s) => s.deleteSection);
  const moveItem = useBriefing((s) => s.moveItem);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    setOver(false);
    const item = e.dataTransfer.getData(ITEM);
    const sec = e.dataTransfer.getData(SECTION);
    if (item) void moveItem((JSON.parse(item) as { itemId: string }).itemId, section.items.length, section.id);
    else if (sec) void moveSection((JSON.parse(sec) as { sectionId: string }).sectionId, index);
    else return;
    e.preventDefault();
  };
  return (
    <section
      className={`outline-section ${over ? 'is-over' : ''}`}
      aria-label={section.heading || t('briefing.section')}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(ITEM) || e.dataTransfer.types.includes(SECTION)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div
        className="outline-section-head"
        draggable
        onDragStart={(e) => {
          e.dataTransfer.setData(SECTION, JSON.stringify({ sectionId: section.id }));
          e.dataTransfer.effectAllowed = 'move';
        }}
      >
        <span className="outline-number">{index + 1}.</span>
        <InlineField label={t('briefing.section.heading')} value={section.heading} className="outline-heading" onSave={(v) => void updateSection(section.id, { heading: v })} />
        <span className="outline-section-tools">
          <button type="button" className="icon-btn" aria-label={t('briefing.section.up')} disabled={index === 0} onClick={() => void moveSection(section.id, index - 1)}>
            ↑
          </button>
          <button type="button" className="icon-btn" aria-label={t('briefing.section.down')} disabled={index === count - 1} onClick={() => void moveSection(section.id, index + 1)}>
            ↓
          </button>
          <button type="button" className="icon-btn" aria-label={t('briefing.section.remove')} onClick={() => void deleteSection(section.id)}>
            ×
          </button>
        </span>
      </div>
      <InlineField label={t('briefing.section.body')} value={section.body} multiline rows={2} placeholder={t('briefing.section.bodyPlaceholder')} onSave={(v) => void updateSection(section.id, { body: v })} />
      <FollowPillar section={section} />
      <LiveCandidates sectionId={section.id} />
      <ol className="outline-items">
        {section.items.map((item, i) => (
          <ItemRow key={item.id} item={item} resolved={resolvedItems.get(item.id)} section={section} index={i} count={section.items.length} />
        ))}
        {section.items.length === 0 ? <li className="outline-empty">{t('briefing.section.empty')}</li> : null}
      </ol>
    </section>
  );
}

export function BriefingComposer() {
  const t = useT();
  const briefing = useBriefing((s) => s.briefing);
  const resolved = useBriefing((s) => s.resolved);
  const previewHtml = useBriefing((s) => s.previewHtml);
  const update = useBriefing((s) => s.update);
  const addSection = useBriefing((s) => s.addSection);
  const select = useBriefing((s) => s.select);
  const duplicate = useBriefing((s) => s.duplicate);
  const remove = useBriefing((s) => s.remove);
  const saveTemplate = useBriefing((s) => s.saveTemplate);
  const [heading, setHeading] = useState('');
  const [templateName, setTemplateName] = useState<string | null>(null);
  // Annotations made or refiled anywhere in the window may be new for a live section.
  const annotations = useAnnotations((s) => s.annotations);
  const refreshLive = useBriefing((s) => s.refreshLive);
  useEffect(() => {
    void refreshLive();
  }, [annotations, refreshLive]);

  if (!briefing) {
    return (
      <section className="pane pane-composer" aria-label={t('view.briefing')}>
        <NewBriefing />
      </section>
    );
  }
  const resolvedItems = new Map((resolved?.sections ?? []).flatMap((s) => s.items.map((i) => [i.id, i] as const)));

  return (
    <section className="pane pane-composer" aria-label={t('view.briefing')}>
      <div className="composer">
        <div className="composer-editor">
          <div className="composer-toolbar">
            <h2 className="composer-title">{t('briefing.outline')}</h2>
            <UndoBar compact />
            <span className="composer-actions">
              <button type="button" className="btn btn-small" onClick={() => void select(null)}>
                {t('briefing.create')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => void duplicate()}>
                {t('briefing.duplicate')}
              </button>
              <button type="button" className="btn btn-small" aria-expanded={templateName !== null} onClick={() => setTemplateName(templateName === null ? briefing.title : null)}>
                {t('briefing.saveTemplate')}
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
                {t('briefing.delete')}
              </button>
            </span>
          </div>
          {templateName !== null ? (
            <form onKeyDown={imeSafeKeys()}
              className="template-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!templateName.trim()) return;
                void saveTemplate(templateName.trim());
                setTemplateName(null);
              }}
            >
              <input className="field" aria-label={t('briefing.saveTemplate.prompt')} value={templateName} onChange={(e) => setTemplateName(e.target.value)} autoFocus />
              <button type="submit" className="btn btn-primary btn-small" disabled={!templateName.trim()}>
                {t('popover.save')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setTemplateName(null)}>
                {t('common.cancel')}
              </button>
            </form>
          ) : null}
          <div className="composer-meta">
            <InlineField label={t('briefing.title')} value={briefing.title} className="meta-title" onSave={(v) => v.trim() && void update({ title: v })} />
            <InlineField label={t('briefing.subtitle')} value={briefing.subtitle} onSave={(v) => void update({ subtitle: v })} />
            <div className="meta-row">
              <label className="field-label">
                {t('briefing.marking')}
                <InlineField label={t('briefing.marking')} value={briefing.marking} placeholder={t('briefing.marking.placeholder')} onSave={(v) => void update({ marking: v })} />
              </label>
              <label className="field-label">
                {t('briefing.date')}
                <InlineField label={t('briefing.date')} value={briefing.date} placeholder="YYYY-MM-DD" onSave={(v) => (isIsoDate(v.trim()) ? void update({ date: v.trim() }) : undefined)} />
              </label>
            </div>
            <MinistryForm />
            <label className="field-label">
              {t('briefing.summary')}
              <InlineField label={t('briefing.summary')} value={briefing.summary} multiline rows={3} placeholder={t('briefing.summary.placeholder')} onSave={(v) => void update({ summary: v })} />
            </label>
          </div>
          <div className="outline">
            {briefing.sections.map((s, i) => (
              <SectionBlock key={s.id} section={s} index={i} count={briefing.sections.length} resolvedItems={resolvedItems} />
            ))}
            <form onKeyDown={imeSafeKeys()}
              className="add-section"
              onSubmit={(e) => {
                e.preventDefault();
                if (!heading.trim()) return;
                void addSection(heading.trim());
                setHeading('');
              }}
            >
              <input className="field" aria-label={t('briefing.section.heading')} placeholder={t('briefing.section.heading')} value={heading} onChange={(e) => setHeading(e.target.value)} />
              <button type="submit" className="btn" disabled={!heading.trim()}>
                {t('briefing.section.add')}
              </button>
            </form>
          </div>
          <ExportPanel />
          <ReviewPanel />
        </div>
        <div className="composer-preview">
          <h2 className="composer-title">{t('briefing.preview')}</h2>
          <iframe className="preview-frame" title={t('briefing.preview')} sandbox="" srcDoc={previewDocument(previewHtml)} />
        </div>
      </div>
    </section>
  );
}
