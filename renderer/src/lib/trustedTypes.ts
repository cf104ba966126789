// The renderer's one Trusted Types policy. The CSP requires Trusted Types for every HTML and
// script sink ("require-trusted-types-for 'script'; trusted-types default"), so a stray
// innerHTML anywhere (ours or a library's) throws instead of parsing markup. The one sink the
// workbench needs is the briefing preview's sandboxed srcdoc frame, whose HTML the exporter
// escaped; React writes it as a plain string, which this default policy lets through for that
// sink alone.

/** The part of the Trusted Types API this module uses (not yet in TypeScript's DOM types). */
interface TrustedTypePolicyFactoryLike {
  createPolicy(
    name: string,
    rules: {
      createHTML?: (input: string, type?: string, sink?: string) => string | null;
      createScript?: (input: string) => string | null;
      createScriptURL?: (input: string) => string | null;
    },
  ): unknown;
}

/** The sink name Chromium passes to the default policy for `iframe.srcdoc` (property or attribute). */
export const PREVIEW_SINK = 'HTMLIFrameElement srcdoc';

/** What the default policy answers: the string for the preview frame, null (refused) elsewhere. */
export function allowHtml(input: string, sink: string | undefined): string | null {
  return sink === PREVIEW_SINK ? input : null;
}

/** Installs the default policy once; a browser without Trusted Types gets nothing to install. */
export function installTrustedTypes(win: Window): boolean {
  const factory = (win as unknown as { trustedTypes?: TrustedTypePolicyFactoryLike }).trustedTypes;
  if (!factory) return false;
  factory.createPolicy('default', {
    createHTML: (input, _type, sink) => allowHtml(input, sink),
    // No script text or script URL is ever built at run time.
    createScript: () => null,
    createScriptURL: () => null,
  });
  return true;
}
