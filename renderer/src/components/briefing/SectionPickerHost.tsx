// The one section picker of the window, opened by placeEvidence (the reader's popover, the
// inspector, the pillar board): the evidence waits in the briefing store while the analyst
// chooses, and goes into the chosen section when they confirm.
import { useBriefing } from '../../stores/briefing';
import { SectionPicker } from './SectionPicker';

export function SectionPickerHost() {
  const placing = useBriefing((s) => s.placing);
  const currentId = useBriefing((s) => s.currentId);
  if (!placing) return null;
  const { addEvidenceTo, cancelPlacing } = useBriefing.getState();
  return (
    <SectionPicker
      annotationIds={'annotationId' in placing ? [placing.annotationId] : []}
      preferredBriefingId={currentId}
      onChoose={(place) => addEvidenceTo(place, placing)}
      onClose={cancelPlacing}
    />
  );
}
