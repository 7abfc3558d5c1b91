import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { ScreenDto } from './dto/screen.dto';
import { plainlyValid } from './screening.service';

/** The quick check on the hot path accepts nothing the documented DTO refuses (what it declines, the DTO decides). */
describe('plainlyValid', () => {
  const strings = [
    '',
    'a',
    'Công an',
    '\uFE0F',
    '\uFE0Fa',
    'a\uFE0F',
    '😀',
    'x'.repeat(31),
    'x'.repeat(32),
    'x'.repeat(33),
    'x'.repeat(64),
    'x'.repeat(65),
    'x'.repeat(128),
    'x'.repeat(129),
    '😀'.repeat(64),
    '😀'.repeat(65),
  ];
  const values: unknown[] = [undefined, null, 42, true, [], {}, ...strings];
  const bodies: Array<Record<string, unknown>> = [];
  for (const displayName of values)
    for (const senderId of [undefined, null, 7, 'CONGAN', '', 'x'.repeat(33)])
      for (const number of [undefined, '0912345678', '', 5, 'x'.repeat(65)]) {
        const body: Record<string, unknown> = {};
        if (displayName !== undefined) body.displayName = displayName;
        if (senderId !== undefined) body.senderId = senderId;
        if (number !== undefined) body.number = number;
        bodies.push(body);
      }

  it.each([['every combination', bodies]])('%s: quick acceptance implies the DTO accepts', (_name, all) => {
    let accepted = 0;
    for (const body of all) {
      if (!plainlyValid(body)) continue;
      accepted++;
      const errors = validateSync(Object.assign(new ScreenDto(), body), { whitelist: true, forbidNonWhitelisted: true });
      expect({ body, errors: errors.map((e) => e.constraints) }).toEqual({ body, errors: [] });
      expect(body.displayName ?? body.senderId).toEqual(expect.any(String));
    }
    expect(accepted).toBeGreaterThan(50); // the quick path carries the ordinary bodies
  });
});
