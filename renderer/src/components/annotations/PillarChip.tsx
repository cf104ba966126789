// A pillar's name on its colour: the one visual for a pillar everywhere (popover, inspector,
// board, library filter), so colours mean the same thing in every view.
import type { Pillar } from '../../../../shared/pillars';
import { usePreferences } from '../../stores/preferences';
import { pillarName } from '../../stores/annotations';

export function PillarDot({ color }: { color: string }) {
  return <span className="pillar-dot" style={{ background: color }} aria-hidden="true" />;
}

export function PillarChip({ pillar, small }: { pillar: Pillar; small?: boolean }) {
  const lang = usePreferences((s) => s.language);
  return (
    <span className={`pillar-chip ${small ? 'is-small' : ''}`} style={{ borderColor: pillar.color }}>
      <PillarDot color={pillar.color} />
      {pillarName(pillar, lang)}
    </span>
  );
}
