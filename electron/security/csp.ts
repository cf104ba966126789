// The one Content-Security-Policy of the app: no remote anything, no inline script, no eval.
// Sent by the dev host, set on every Electron response, and mirrored in renderer/index.html.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob: about:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
