import { describe, expect, it } from 'vitest';
import { documentLink, highlightFromParams, splitAtSpan } from './documentLink';

describe('document links', () => {
  it('round-trips a document and span through the URL', () => {
    const link = documentLink('P1', 'DOC:1', { start: 3, end: 5 });
    expect(link).toBe('/patients/P1?doc=DOC%3A1&start=3&end=5');
    const params = new URLSearchParams(link.split('?')[1]);
    expect(highlightFromParams(params)).toEqual({ documentId: 'DOC:1', highlight: { start: 3, end: 5 } });
  });

  it('opens the document without a highlight when the span is missing or bad', () => {
    expect(highlightFromParams(new URLSearchParams('doc=D'))).toEqual({ documentId: 'D' });
    expect(highlightFromParams(new URLSearchParams('doc=D&start=5&end=5'))).toEqual({ documentId: 'D' });
    expect(highlightFromParams(new URLSearchParams('doc=D&start=x&end=7'))).toEqual({ documentId: 'D' });
    expect(highlightFromParams(new URLSearchParams('doc=D&start=-2&end=7'))).toEqual({ documentId: 'D' });
    expect(highlightFromParams(new URLSearchParams('doc=D&start=&end=7'))).toEqual({ documentId: 'D' });
    expect(highlightFromParams(new URLSearchParams('start=1&end=2'))).toEqual({});
  });
});

describe('splitAtSpan', () => {
  const text = '患者3天前摔倒，卧床至今。否认下肢静脉曲张。';

  it('marks the span with Java (UTF-16) offsets', () => {
    const start = text.indexOf('卧床');
    expect(splitAtSpan(text, { start, end: start + 2 })).toEqual({
      before: '患者3天前摔倒，',
      marked: '卧床',
      after: '至今。否认下肢静脉曲张。',
    });
  });

  it('counts a surrogate pair as two code units, as Java does', () => {
    const withEmoji = '𠀀卧床';
    expect(splitAtSpan(withEmoji, { start: 2, end: 4 })?.marked).toBe('卧床');
  });

  it('clamps spans that run past the text and ignores spans outside it', () => {
    expect(splitAtSpan('abc', { start: 1, end: 99 })).toEqual({ before: 'a', marked: 'bc', after: '' });
    expect(splitAtSpan('abc', { start: 5, end: 9 })).toBeNull();
    expect(splitAtSpan('abc', undefined)).toBeNull();
  });
});
