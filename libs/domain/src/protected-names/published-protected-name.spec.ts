import { protectedNameClaims, publishedProtectedName, samePublishedProtectedName } from './published-protected-name';

const name = { id: 'a1', term: 'Cảnh sát', spellings: ['CS', 'Canh sat'], kinds: ['police' as const], source: 'Luật CAND 2018' };

describe('published protected names', () => {
  it('compares field by field, whatever the key order jsonb gave back', () => {
    const published = publishedProtectedName(name);
    const fromJsonb = JSON.parse(
      '{"id":"a1","term":"Cảnh sát","kinds":["police"],"source":"Luật CAND 2018","spellings":["CS","Canh sat"]}',
    );
    expect(JSON.stringify(fromJsonb)).not.toBe(JSON.stringify(published));
    expect(samePublishedProtectedName(fromJsonb, published)).toBe(true);
  });

  it.each([
    ['term', { term: 'Cảnh sát biển' }],
    ['spellings', { spellings: ['CS'] }],
    ['spelling order', { spellings: ['Canh sat', 'CS'] }],
    ['kinds', { kinds: ['police', 'ministry'] as const }],
    ['source', { source: 'khác' }],
  ])('sees a change of %s', (_what, change) => {
    expect(samePublishedProtectedName(publishedProtectedName({ ...name, ...change }), publishedProtectedName(name))).toBe(false);
  });

  it('signs fixed claims in a fixed order', () => {
    expect(Object.keys(protectedNameClaims(publishedProtectedName(name), 7, 1700000000))).toEqual([
      'iss',
      'sub',
      'term',
      'spl',
      'kinds',
      'src',
      'ver',
      'iat',
    ]);
  });
});
