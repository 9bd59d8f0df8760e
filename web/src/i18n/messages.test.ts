import { describe, expect, it } from 'vitest';
import { messages, translate } from './messages';

describe('messages', () => {
  it('has the same keys and no empty strings in both languages', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
    for (const lang of ['zh', 'en'] as const) {
      for (const [key, text] of Object.entries(messages[lang])) expect(text, `${lang} ${key}`).not.toBe('');
    }
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(translate('zh', 'common.total', { n: 42 })).toBe('共 42 条');
    expect(translate('en', 'common.total')).toBe('{n} in total');
  });
});
