// The one Content-Security-Policy of the app: no remote anything, no inline script, no eval, no
// frames but the preview's sandboxed srcdoc, Trusted Types for every HTML sink.
// Sent as a header by the app protocol (electron/main/protocol.ts) and by the dev host, so
// 'self' is app://workbench in the app and http://127.0.0.1:PORT in the browser host.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The briefing preview is a sandboxed srcdoc frame, which inherits this policy: its print
  // stylesheet is one <style> element written by the exporter (escaped, see electron/export/html.ts).
  // Style attributes in markup stay refused; React sets styles through CSSOM, which CSP allows.
  "style-src 'self'",
  "style-src-elem 'self' 'unsafe-inline'",
  "style-src-attr 'none'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  // srcdoc frames make no request, so 'none' refuses every framed URL and still lets the preview show.
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Every string that reaches an HTML/script sink goes through the renderer's one policy
  // (renderer/src/lib/trustedTypes.ts), which lets only the preview frame's srcdoc through.
  "require-trusted-types-for 'script'",
  "trusted-types default",
].join('; ');
