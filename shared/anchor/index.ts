// Pure anchoring of annotations to statement text (no storage): selectors, matching, re-anchoring.
// Used by the annotate service on create and re-ingest, and by the renderer to draw highlights.
export * from './selectors';
export * from './fuzzy';
export * from './anchor';
