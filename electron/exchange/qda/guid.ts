// REFI-QDA GUIDs for the workbench's own things (pillars, tags, documents, annotations, users):
// derived as UUIDv5 (RFC 9562, SHA-1 name-based) from the thing's stable id, so the same pillar or
// annotation carries the same GUID in every export, and an import can recognise what it wrote.
import crypto from 'node:crypto';

/** The workbench's UUIDv5 namespace (itself a v5 of the URL namespace and the app's name). */
export const WORKBENCH_GUID_NAMESPACE = 'b1f0e6a2-6a57-5d3c-9f3e-2f7a0c1d4e58';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/[{}-]/g, ''), 'hex');
}

/** RFC 9562 UUIDv5 of `name` in `namespace`. */
export function uuidV5(name: string, namespace = WORKBENCH_GUID_NAMESPACE): string {
  const hash = crypto.createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The GUID of each kind of thing the workbench exports. */
export const guidOf = {
  pillar: (id: string) => uuidV5(`pillar:${id}`),
  tag: (tag: string) => uuidV5(`tag:${tag}`),
  document: (id: string) => uuidV5(`document:${id}`),
  annotation: (id: string) => uuidV5(`annotation:${id}`),
  coding: (annotationId: string, code: string) => uuidV5(`coding:${annotationId}:${code}`),
  user: (name: string) => uuidV5(`user:${name}`),
  pillarsRoot: () => uuidV5('code-root:pillars'),
  tagsRoot: () => uuidV5('code-root:tags'),
};

/** A GUID as the schema allows it (with or without braces, any case), or null. */
export function canonicalGuid(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/.exec(value.trim());
  return m ? m[1].toLowerCase() : null;
}
