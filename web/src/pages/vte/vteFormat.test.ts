import { describe, expect, it } from 'vitest';
import type { VteEvidence, VteModelResult } from '../../api/vte';
import {
  bleedingBandColor,
  formatRate,
  formatScore,
  groupEvidence,
  modelOrder,
  noteLink,
  noteSpan,
  ratePercent,
  riskBandColor,
} from './vteFormat';

describe('band colours', () => {
  it('paints low green, moderate gold, high and highest red', () => {
    expect(riskBandColor('very_low')).toBe('green');
    expect(riskBandColor('low')).toBe('green');
    expect(riskBandColor('moderate')).toBe('gold');
    expect(riskBandColor('high')).toBe('red');
    expect(riskBandColor('highest')).toBe('red');
  });

  it('leaves unknown or missing bands plain', () => {
    expect(riskBandColor('extreme')).toBe('default');
    expect(riskBandColor(null)).toBe('default');
    expect(riskBandColor(undefined)).toBe('default');
    expect(riskBandColor('')).toBe('default');
  });

  it('paints high bleeding risk red and low green', () => {
    expect(bleedingBandColor('high')).toBe('red');
    expect(bleedingBandColor('low')).toBe('green');
    expect(bleedingBandColor('moderate')).toBe('default');
    expect(bleedingBandColor(null)).toBe('default');
  });
});

describe('scores and rates', () => {
  it('prints whole scores without decimals and IMPROVE half points with one', () => {
    expect(formatScore(5)).toBe('5');
    expect(formatScore(0)).toBe('0');
    expect(formatScore(2.5)).toBe('2.5');
    expect(formatScore(7.25)).toBe('7.3');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(Number.NaN)).toBe('—');
  });

  it('prints rates as percentages with one decimal', () => {
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(6 / 7)).toBe('85.7%');
    expect(formatRate(1 / 3)).toBe('33.3%');
    expect(formatRate(0.0005)).toBe('0.1%');
    expect(formatRate(0.00049)).toBe('0.0%');
  });

  it('shows a dash when nothing was counted', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('gives chart values in percent, null for gaps', () => {
    expect(ratePercent(0.857142)).toBe(85.7);
    expect(ratePercent(1)).toBe(100);
    expect(ratePercent(null)).toBeNull();
  });
});

describe('note evidence links', () => {
  const note: VteEvidence = {
    kind: 'note',
    id: 'DOC-1',
    display: '卧床',
    documentId: 'DOC-1',
    start: 120,
    end: 122,
  };

  it('opens the patient page on the document with the span', () => {
    expect(noteLink('P 1/2', note)).toBe('/patients/P%201%2F2?doc=DOC-1&start=120&end=122');
  });

  it('gives no link for other evidence or broken spans', () => {
    expect(noteLink('P1', { kind: 'diagnosis', id: 'D1', display: '股骨颈骨折' })).toBeNull();
    expect(noteSpan({ ...note, start: undefined })).toBeNull();
    expect(noteSpan({ ...note, start: 5, end: 5 })).toBeNull();
    expect(noteSpan({ ...note, start: -1 })).toBeNull();
    expect(noteSpan({ ...note, documentId: undefined })).toBeNull();
  });
});

describe('evidence groups', () => {
  it('shows one line per fact and keeps repeated note mentions with it', () => {
    const mention = (start: number): VteEvidence => ({
      kind: 'note',
      id: 'DOC-1',
      code: '卧床',
      display: '卧床',
      documentId: 'DOC-1',
      start,
      end: start + 2,
    });
    const order: VteEvidence = { kind: 'order', id: 'O1', display: '绝对卧床', code: 'bed_rest' };
    const groups = groupEvidence([mention(10), order, mention(40), mention(90)]);
    expect(groups.map((g) => [g.first.display, g.first.start, g.more.map((m) => m.start)])).toEqual([
      ['卧床', 10, [40, 90]],
      ['绝对卧床', undefined, []],
    ]);
  });
});

describe('model order', () => {
  const model = (id: string, family: string) => ({ id, model: family }) as VteModelResult;
  const models = {
    'caprini-2005': model('caprini-2005', 'caprini'),
    'caprini-cn2018': model('caprini-cn2018', 'caprini'),
    padua: model('padua', 'padua'),
    'improve-bleeding': model('improve-bleeding', 'improve_bleeding'),
    'surgical-bleeding': model('surgical-bleeding', 'surgical_bleeding'),
  };

  it('puts the chosen risk model first and the chosen bleeding model before the other bleeding model', () => {
    expect(modelOrder({ models, model: { risk: 'padua', bleeding: 'improve-bleeding' } })).toEqual([
      'padua',
      'caprini-2005',
      'caprini-cn2018',
      'improve-bleeding',
      'surgical-bleeding',
    ]);
    expect(modelOrder({ models, model: { risk: 'caprini-2005', bleeding: 'surgical-bleeding' } })).toEqual([
      'caprini-2005',
      'caprini-cn2018',
      'padua',
      'surgical-bleeding',
      'improve-bleeding',
    ]);
  });
});
