// `workbench suggest (--statement ID | --text TEXT)`: pillar suggestions with score and evidence.
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';

export const suggestCommand: Command = {
  name: 'suggest',
  summary: 'Suggest pillars for a statement or a text, with the evidence terms and their offsets.',
  usage: 'workbench suggest (--statement ID | --text TEXT) [--db PATH] [--json]',
  options: { statement: { type: 'string' }, text: { type: 'string' } },
  run: (input) => {
    const statementId = stringOpt(input.values, 'statement');
    const text = stringOpt(input.values, 'text');
    if ((statementId === undefined) === (text === undefined)) throw new UsageError('give exactly one of --statement ID or --text TEXT');
    return withApi(input, async (api) => {
      const { suggestions: found } = statementId !== undefined ? await api.call('suggestions.forStatement', { statementId }) : await api.call('suggestions.forText', { text: text! });
      const suggestions = found.map((s) => ({ pillar: s.pillar, score: s.score, evidence: s.evidence.map((e) => ({ term: e.term, start: e.start, end: e.end })) }));
      if (input.json) printJson(input.io, { suggestions });
      else if (suggestions.length === 0) input.io.out('No pillar suggested.\n');
      else for (const s of suggestions) input.io.out(`${s.pillar}\t${s.score.toFixed(3)}\t${s.evidence.map((e) => `${e.term}@${e.start}-${e.end}`).join(' ')}\n`);
      return 0;
    });
  },
};
