// Pure citation formatting for briefings: how a quote names its source, in Japanese or English.
// No I/O: the briefing service resolves sources, this module only decides how they read.
export { formatDate, formatNoteDate } from './date';
export { formatCitation, formatSourceEntry, headingPathBelowTitle, sourceTag, statusNotice } from './format';
export { labelsFor, type BriefingLabels } from './labels';
export { asShown, paragraphs, printable } from './text';
export { citationSource, pageLocator } from './source';
export { cellLocator, citationSourceOf, locatorText, placesOf, type DocumentPlaces } from './locate';
export { formatMemoCitation, itemCitation, memoCitationOf } from './memo';
