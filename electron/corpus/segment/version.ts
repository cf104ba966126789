// The segmenter's output version: bump it whenever segmentation of the same text changes, so
// existing databases re-segment (and re-anchor their annotations) on the next start.
export const SEGMENTER_VERSION = 1;
