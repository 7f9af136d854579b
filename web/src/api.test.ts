import { describe, expect, it } from 'vitest';
import { buildPath } from './api';

describe('buildPath', () => {
  it('fills path parameters and the query', () => {
    expect(buildPath('GET /api/zones/:id', { id: 'a b' })).toBe('/api/zones/a%20b');
    expect(buildPath('GET /api/zones', {}, { districtId: 'liwan', none: undefined })).toBe('/api/zones?districtId=liwan');
    expect(() => buildPath('GET /api/zones/:id')).toThrow(/missing path parameter id/);
  });
});
