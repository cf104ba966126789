// Handler for charts.save (shared/api/charts.ts): checked bytes to the granted file or a download.
import path from 'node:path';
import { chartsApi } from '../../shared/api/charts';
import { CHART_MIME, chartBytes } from '../export/chart';
import { writeFileAtomic } from '../export/write';
import { offerDownload } from '../files/transfers';
import type { DomainHandlers } from './dispatch';
import { resolveTarget } from './files';

export const chartsHandlers: DomainHandlers<typeof chartsApi> = {
  'charts.save': (req, _ctx, scope) => {
    const bytes = chartBytes(req.format, req.content, req.fileName);
    const target = resolveTarget(req.target, scope);
    if (target.kind === 'file') {
      // Replacing a file: the save dialog already asked the analyst.
      const written = writeFileAtomic(target.path, bytes, { force: target.replace });
      return { fileName: path.basename(written.path), path: written.path, bytes: written.bytes, download: null };
    }
    return { fileName: req.fileName, path: null, bytes: bytes.length, download: offerDownload(bytes, req.fileName, CHART_MIME[req.format]) };
  },
};
