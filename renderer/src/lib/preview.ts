// Prepares the print HTML for the preview frame. The export's own CSP meta tag stays (it is
// what keeps the frame script-free); only `frame-ancestors`, which browsers ignore in a meta
// tag and report as a console error, is dropped.
export function previewDocument(html: string): string {
  return html.replace(/;\s*frame-ancestors[^;"']*/g, '');
}
