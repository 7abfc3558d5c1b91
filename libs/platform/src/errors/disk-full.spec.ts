import { QueryFailedError } from 'typeorm';
import { diskFullError } from './disk-full';

describe('a full disk as INSUFFICIENT_STORAGE', () => {
  it("maps PostgreSQL's disk_full (53100) as TypeORM and the driver report it, and a Node ENOSPC", () => {
    // The driver error as PostgreSQL (and PGlite, measured on a full tmpfs) reports a table file it cannot extend.
    const driver = Object.assign(new Error('could not extend file "base/5/16390": No space left on device'), { code: '53100' });
    expect(diskFullError(new QueryFailedError('INSERT INTO documents ...', [], driver))).toMatchObject({ code: 'INSUFFICIENT_STORAGE' });
    expect(diskFullError(driver)).toMatchObject({ code: 'INSUFFICIENT_STORAGE' });
    expect(diskFullError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))).toMatchObject({
      code: 'INSUFFICIENT_STORAGE',
    });
  });

  it('leaves every other error alone', () => {
    expect(diskFullError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
    expect(diskFullError(new Error('boom'))).toBeNull();
    expect(diskFullError(null)).toBeNull();
    expect(diskFullError('text')).toBeNull();
  });
});
