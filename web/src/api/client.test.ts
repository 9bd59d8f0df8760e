import { describe, expect, it } from 'vitest';
import { readCookie, withQuery } from './client';

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('XSRF-TOKEN', 'JSESSIONID=abc; XSRF-TOKEN=a%2Bb-c; lang=zh')).toBe('a+b-c');
  });

  it('does not match a cookie whose name merely ends with the wanted one', () => {
    expect(readCookie('XSRF-TOKEN', 'OLD-XSRF-TOKEN=x')).toBeNull();
  });

  it('returns null without cookies', () => {
    expect(readCookie('XSRF-TOKEN', '')).toBeNull();
  });
});

describe('withQuery', () => {
  it('leaves out empty values and encodes Chinese text', () => {
    expect(withQuery('/api/patients', { q: '张三', department: '', from: undefined, page: 0, size: 20 })).toBe(
      '/api/patients?q=%E5%BC%A0%E4%B8%89&page=0&size=20',
    );
  });

  it('returns the bare path without parameters', () => {
    expect(withQuery('/api/departments')).toBe('/api/departments');
  });
});
