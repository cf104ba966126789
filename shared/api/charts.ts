// API method for the charts and tables the window draws itself (the heat-map, co-occurrence):
// the page sends the finished CSV, SVG or PNG and the back end writes it where the analyst chose
// in the save dialog, or offers it as a download in the browser host. No path ever crosses.
import { z } from 'zod';
import { method } from './define';
import { DownloadSchema, FileTargetSchema } from './files';
import { FileName } from './schemas';

/** A 300 × 200 heat-map as PNG at twice the pixel density stays well under this. */
export const MAX_CHART_BYTES = 24 * 1024 * 1024;

export const ChartFormat = z.enum(['csv', 'svg', 'png']);
export type ChartFormat = z.infer<typeof ChartFormat>;

export const chartsApi = {
  'charts.save': method(
    z
      .object({
        target: FileTargetSchema,
        format: ChartFormat,
        /** The suggested download name (the desktop file name comes from the save dialog). */
        fileName: FileName,
        /** CSV and SVG as text; PNG as base64. */
        content: z.string().min(1).max(Math.ceil((MAX_CHART_BYTES * 4) / 3)),
      })
      .strict(),
    z.object({ fileName: z.string(), path: z.string().nullable(), bytes: z.number().int(), download: DownloadSchema.nullable() }),
    'Save a chart or table the window drew (CSV, SVG or PNG) to the save-dialog file, or offer it as a download.',
  ),
};
