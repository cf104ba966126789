// The benchmarks' 300-page Japanese PDF (bench:pdf and bench:import): 40 lines a page in a
// non-embedded Ryumin-Light CID font (every glyph through the bundled Adobe-Japan1 CMaps), a
// running header and `- N -` page numbers on every page, a chapter heading every 10 pages.
import { buildPdf, textAt } from '../import/pdf-handmade';

const LINE = '経済安全保障推進法に基づき特定重要物資の安定的な供給を確保する施策を講ずる。';

export function generateBenchPdf(pages: number): Uint8Array {
  return buildPdf({
    pages: Array.from({ length: pages }, (_, p) => {
      let content = textAt('F1', 9, 220, 810, '経済安全保障政策資料（取扱注意）');
      if (p % 10 === 0) content += textAt('F1', 16, 56, 770, `第${p / 10 + 1}章　重要物資の供給確保`);
      for (let l = 0; l < 40; l++) content += textAt('F1', 10.5, 56, 740 - l * 17, `${l % 8 === 0 ? '　' : ''}${LINE.slice(0, 38)}`);
      return { content: content + textAt('F4', 9, 290, 30, `- ${p + 1} -`) };
    }),
  });
}

